import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr pitr enable` and its options. */
function declarePitr(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('pitr')
      .description('Point-in-time recovery of tables')
      .command('enable')
      .description(
        'Turn PITR on with the required retention, on each table that lacks it (running it again changes nothing)',
      )
      .option(
        '--table <name>',
        'table (physical or configured name; repeat for several)',
        (value: string, previous: string[]) => [...previous, value],
        [],
      )
      .option(
        '--environment <name>',
        'every configured table of this environment (or, with --table, those named in it)',
      )
      .option(
        '--retention-days <days>',
        "RecoveryPeriodInDays, 1-35 (default: the environment's backups.retentionDays, else 35)",
      )
      .option('--dry-run', 'show each table now and what would change; change nothing')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { json: 'print one JSON document on stdout' },
  );
}

/** Flags of `dynamo-dr pitr enable`, as commander parses them. */
export type PitrEnableCommandOptions = OptionsOf<ReturnType<typeof declarePitr>>;

/** Registers `dynamo-dr pitr enable`; its module loads only when it runs. */
export function registerPitr(program: CommandUnknownOpts): void {
  declarePitr(program).action(async (opts) => (await import('./index.js')).pitrEnable(opts));
}
