import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

const ACTIONS = {
  start: "save each function's reserved concurrency and mapping state, then throttle to 0 and disable mappings",
  end: 'give back exactly what start saved, then delete the saved state',
  status: 'show which functions and mappings are held, since when, by whom',
} as const;

/** Declares `dynamo-dr recovery-mode ACTION` with the options every action has. */
function declareAction(recoveryMode: CommandUnknownOpts, action: keyof typeof ACTIONS) {
  return commonOptions(
    recoveryMode
      .command(action)
      .description(ACTIONS[action])
      .requiredOption('--environment <name>', 'environment (configuration name, or the function name prefix ENV-)')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { json: 'print one JSON document on stdout' },
  );
}

/** Adds the options of the actions that change something (`start`, `end`). */
function changeOptions<Args extends unknown[], Opts extends OptionValues, GlobalOpts extends OptionValues>(
  command: Command<Args, Opts, GlobalOpts>,
) {
  return command
    .option('--dry-run', 'show what would change; change nothing')
    .option('--yes', 'confirm a production environment without asking');
}

/** Declares `dynamo-dr recovery-mode start`, the action with every option. */
function declareStart(recoveryMode: CommandUnknownOpts) {
  return changeOptions(declareAction(recoveryMode, 'start')).option(
    '--operator <name>',
    'who starts it (default: $DYNAMO_DR_OPERATOR, else the OS user)',
  );
}

/** Flags of `dynamo-dr recovery-mode start|end|status` (`end` and `status` have a subset), as commander parses them. */
export type RecoveryModeCommandOptions = OptionsOf<ReturnType<typeof declareStart>>;

/** Registers `dynamo-dr recovery-mode start|end|status`; their module loads only when they run. */
export function registerRecoveryMode(program: CommandUnknownOpts): void {
  const recoveryMode = program
    .command('recovery-mode')
    .description('Stop the application writing while tables are restored, then give back exactly what it had');
  declareStart(recoveryMode).action(async (opts) => (await import('./index.js')).recoveryMode('start', opts));
  changeOptions(declareAction(recoveryMode, 'end')).action(async (opts) =>
    (await import('./index.js')).recoveryMode('end', opts),
  );
  declareAction(recoveryMode, 'status').action(async (opts) =>
    (await import('./index.js')).recoveryMode('status', opts),
  );
}
