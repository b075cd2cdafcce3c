import type { Command } from 'commander';
import { executorOption } from '../restore/executorOption.js';

/** Registers `dynamo-dr demo`; its module loads only when it runs. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Run the whole recovery on a local sandbox: sample tables, an incident, the restore, the RTO')
    .option('--json', 'print one JSON document on stdout')
    .addOption(executorOption('in-process; step-functions deploys the stack into the sandbox first'))
    .action(async (opts) => (await import('./index.js')).demo(opts));
}
