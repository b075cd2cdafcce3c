import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr diff` and its options. */
function declareDiff(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('diff')
      .description(
        "List items added, removed and changed between two tables or backups (e.g. what a restore's rollback threw away)",
      )
      .option('--incident <id>', "compare that restore's forensic backup (left) with the table now (right)")
      .option('--table <name>', 'with --incident: which table of the run')
      .option('--left <table-or-backup-arn>', 'left side: a table name or a backup ARN')
      .option('--right <table-or-backup-arn>', 'right side: a table name or a backup ARN')
      .option('--out <file>', 'the diff file to write (one change per line; restore-items --from-file reads it)')
      .option('--segments <n>', 'parallel scan segments per side', '4'),
    {
      json: 'print the summary as one JSON document on stdout',
      stateDir: 'where run journals are kept (to find the forensic backup)',
    },
  );
}

/** Flags of `dynamo-dr diff`, as commander parses them. */
export type DiffCommandOptions = OptionsOf<ReturnType<typeof declareDiff>>;

/** Registers `dynamo-dr diff`; its module loads only when it runs. */
export function registerDiff(program: CommandUnknownOpts): void {
  declareDiff(program).action(async (opts) => (await import('./index.js')).diff(opts));
}
