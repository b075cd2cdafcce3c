import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr cost` and its options. */
function declareCost(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('cost')
      .description(
        "Estimate what the configured tables' backups cost: PITR and backup storage per month, a restore, a drill, an export, 12 months ahead (exit 1 over budget)",
      )
      .option('--environment <name>', 'this environment of the configuration (default: every one)')
      .option(
        '--budget <usd>',
        'monthly budget for PITR and backup storage, in USD: exit 1 when the estimate is over it',
      )
      .option('--growth-rate <percent>', 'monthly growth of the tables, in percent, for the 12-month projection', '0')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { json: 'print the estimate as one JSON document on stdout', region: 'AWS region (its prices apply)' },
  );
}

/** Flags of `dynamo-dr cost`, as commander parses them. */
export type CostCommandOptions = OptionsOf<ReturnType<typeof declareCost>>;

/** Registers `dynamo-dr cost`; its module loads only when it runs. */
export function registerCost(program: CommandUnknownOpts): void {
  declareCost(program).action(async (opts) => (await import('./index.js')).cost(opts));
}
