import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { capacityOptions, commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr restore-items` and its options. */
function declareRestoreItems(program: CommandUnknownOpts) {
  return capacityOptions(
    commonOptions(
      program
        .command('restore-items')
        .description(
          'Put back only some items as they were at a time (PITR restore to a temporary table, select, write, verify), or from an export/diff file',
        )
        .option('--table <name>', 'the live table to write into (physical or configured name)')
        .option('--to <time>', 'ISO 8601 time with offset or Z, inside the restorable window')
        .option('--incident <id>', 'incident id: names the temporary table and the journal entry; the same id resumes')
        .option('--where <expression>', 'which items: a DynamoDB condition, e.g. "begins_with(pk, :rule)"')
        .option('--values <json>', 'the :placeholders, plain JSON ({":rule": "rule#MD-001"}) or DynamoDB JSON')
        .option('--names <json>', 'the #placeholders, e.g. {"#s": "status"}')
        .option(
          '--from-file <file>',
          'write the items of an export file, a diff file (its left side) or aws dynamodb scan output',
        )
        .option(
          '--from-export <export>',
          'write every item of a full export to S3: its ARN, or s3://BUCKET/PREFIX/AWSDynamoDB/ID/',
        )
        .option('--confirm <name>', 'the exact table name, case included (asked on a terminal when left out)')
        .option(
          '--delete-missing',
          'also delete selected live items that did not exist at the time (diff: whose left is null)',
        )
        .option(
          '--overwrite-changed',
          'also overwrite selected items changed after the time (default: report and skip)',
        )
        .option('--allow-live-writes', 'write even though the environment is not in recovery mode')
        .option('--keep-restored-table', 'keep the temporary restored table')
        .option('--segments <n>', 'parallel scan segments')
        .option(
          '--dry-run',
          'print the plan (a point-in-time plan restores a temporary table, then deletes it) and change nothing',
        )
        .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
        .option(
          '--environment <name>',
          "the table's environment: looked up there in the configuration; without one, the recovery-mode environment (ENV-* functions)",
        ),
      { json: 'print one JSON document on stdout', stateDir: 'where run journals and locks are kept' },
    ),
    { writes: true },
  );
}

/** Flags of `dynamo-dr restore-items`, as commander parses them. */
export type RestoreItemsCommandOptions = OptionsOf<ReturnType<typeof declareRestoreItems>>;

/** Registers `dynamo-dr restore-items`; its module loads only when it runs. */
export function registerRestoreItems(program: CommandUnknownOpts): void {
  declareRestoreItems(program).action(async (opts) => (await import('./index.js')).restoreItems(opts));
}
