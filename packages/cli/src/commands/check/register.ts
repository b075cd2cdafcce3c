import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr check` and its options. */
function declareCheck(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('check')
      .description(
        'Run the backup checklist on the configured tables: PITR, window, lag, deletion protection, workflow, alarms, drills, recovery mode (exit 1 when an item fails)',
      )
      .option('--environment <name>', 'check this environment of the configuration (default: every one)')
      .option(
        '--test-alarms',
        'first set each alarm to ALARM and back (its notification goes out), so that the check sees it tested',
      )
      .option('--out <file>', 'also write the report as Markdown to this file (replaced if it exists)')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { json: 'print the report as one JSON document on stdout' },
  );
}

/** Flags of `dynamo-dr check`, as commander parses them. */
export type CheckCommandOptions = OptionsOf<ReturnType<typeof declareCheck>>;

/** Registers `dynamo-dr check`; its module loads only when it runs. */
export function registerCheck(program: CommandUnknownOpts): void {
  declareCheck(program).action(async (opts) => (await import('./index.js')).check(opts));
}
