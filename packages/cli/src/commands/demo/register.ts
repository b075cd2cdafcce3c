import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { OptionsOf } from '../../shared/optionsOf.js';
import { executorOption } from '../restore/executorOption.js';

/** Declares `dynamo-dr demo` and its options. */
function declareDemo(program: CommandUnknownOpts) {
  return program
    .command('demo')
    .description('Run the whole recovery on a local sandbox: sample tables, an incident, the restore, the RTO')
    .option('--json', 'print one JSON document on stdout')
    .addOption(executorOption('in-process; step-functions deploys the stack into the sandbox first'));
}

/** Flags of `dynamo-dr demo`, as commander parses them. */
export type DemoCommandOptions = OptionsOf<ReturnType<typeof declareDemo>>;

/** Registers `dynamo-dr demo`; its module loads only when it runs. */
export function registerDemo(program: CommandUnknownOpts): void {
  declareDemo(program).action(async (opts) => (await import('./index.js')).demo(opts));
}
