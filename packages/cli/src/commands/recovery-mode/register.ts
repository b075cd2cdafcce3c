import type { Command } from 'commander';
import { commonOptions } from '../../shared/commonOptions.js';

/** Registers `dynamo-dr recovery-mode start|end|status`; their module loads only when they run. */
export function registerRecoveryMode(program: Command): void {
  const recoveryMode = program
    .command('recovery-mode')
    .description('Stop the application writing while tables are restored, then give back exactly what it had');
  const actions = {
    start: "save each function's reserved concurrency and mapping state, then throttle to 0 and disable mappings",
    end: 'give back exactly what start saved, then delete the saved state',
    status: 'show which functions and mappings are held, since when, by whom',
  } as const;
  for (const [action, description] of Object.entries(actions) as [keyof typeof actions, string][]) {
    const command = commonOptions(
      recoveryMode
        .command(action)
        .description(description)
        .requiredOption('--environment <name>', 'environment (configuration name, or the function name prefix ENV-)')
        .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
      { json: 'print one JSON document on stdout' },
    );
    if (action !== 'status') {
      command
        .option('--dry-run', 'show what would change; change nothing')
        .option('--yes', 'confirm a production environment without asking');
    }
    if (action === 'start')
      command.option('--operator <name>', 'who starts it (default: $DYNAMO_DR_OPERATOR, else the OS user)');
    command.action(async (opts) => (await import('./index.js')).recoveryMode(action, opts));
  }
}
