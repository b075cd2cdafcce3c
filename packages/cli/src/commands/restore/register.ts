import { Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { capacityOptions, commonOptions } from '../../shared/commonOptions.js';
import { collect } from '../../shared/collect.js';
import type { OptionsOf } from '../../shared/optionsOf.js';
import { executorOption } from './executorOption.js';

/** Declares `dynamo-dr restore` and its options. */
function declareRestore(program: CommandUnknownOpts) {
  const command = program
    .command('restore')
    .description('Roll tables back in place to a point in time (forensic backup, PITR restore, sync, verify)')
    .option('--table <name>', 'table to restore (physical or configured name; repeat for several)', collect, [])
    .option('--to <time>', 'ISO 8601 time with offset or Z, inside the restorable window')
    .option('--incident <id>', 'incident id (letters, digits, hyphens): names the backup and temporary table')
    .option('--confirm <name>', 'the exact table name, case included (repeat per table)', collect, [])
    .addOption(
      new Option(
        '--mode <mode>',
        'delta: write only differences; reset: delete all, then copy; revert: write back only what changed since the time (incremental export)',
      ).choices(['delta', 'reset', 'revert']),
    )
    .option('--export-bucket <bucket>', 'revert: the S3 bucket the incremental exports go to (it must exist)')
    .option('--export-prefix <prefix>', 'revert: the key prefix of the exports in the bucket')
    .option('--until <time>', 'revert: undo only the writes between --to and this time, keeping later ones')
    .addOption(
      new Option(
        '--on-conflict <policy>',
        'revert --until: a key also written after --until is skipped or overwritten',
      ).choices(['skip', 'overwrite']),
    )
    .addOption(
      new Option(
        '--verify <level>',
        'revert: keys reads every reverted key back; full also compares the whole table with a PITR restore at --to',
      ).choices(['keys', 'full']),
    )
    .option('--keep-restored-table', 'keep the temporary restored table after verification')
    .option('--segments <n>', 'parallel scan segments of the sync')
    .option('--restore-deadline <minutes>', 'how long the backup and PITR restore may take')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
    .option(
      '--environment <name>',
      "the tables' environment: looked up there in the configuration; without one, the recovery-mode environment (ENV-* functions)",
    )
    .option('--allow-live-writes', 'write even though the environment is not in recovery mode')
    .addOption(executorOption());
  return capacityOptions(
    commonOptions(command, {
      json: 'print one JSON document on stdout',
      stateDir: 'where run journals and locks are kept',
    }),
    {
      writes: true,
    },
  );
}

/** Flags of `dynamo-dr restore`, as commander parses them. */
export type RestoreCommandOptions = OptionsOf<ReturnType<typeof declareRestore>>;

/** Registers `dynamo-dr restore`; its module loads only when it runs. */
export function registerRestore(program: CommandUnknownOpts): void {
  declareRestore(program).action(async (opts) => (await import('./index.js')).restore(opts));
}
