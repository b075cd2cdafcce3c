import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr restore-as` and its options. */
function declareRestoreAs(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('restore-as')
      .description('Restore a table at a time into a new table, re-apply its settings, and switch the app to it')
      .option('--table <name>', 'table to restore')
      .option('--to <time>', 'ISO 8601 time with offset or Z, inside the restorable window')
      .option('--target <name>', 'the new table (must not exist)')
      .option('--switch-parameter <name>', 'SSM parameter the application reads its table name from')
      .option('--rollback', 'put back the value --switch-parameter had before restore-as switched it')
      .option(
        '--incident <id>',
        'names the journal entry restore-as-<id> (default: generated, printed); the same id resumes',
      )
      .option('--dry-run', 'print the plan and change nothing'),
    { json: 'print one JSON document on stdout', stateDir: 'where run journals are kept' },
  );
}

/** Flags of `dynamo-dr restore-as`, as commander parses them. */
export type RestoreAsCommandOptions = OptionsOf<ReturnType<typeof declareRestoreAs>>;

/** Registers `dynamo-dr restore-as`; its module loads only when it runs. */
export function registerRestoreAs(program: CommandUnknownOpts): void {
  declareRestoreAs(program).action(async (opts) => (await import('./index.js')).restoreAs(opts));
}
