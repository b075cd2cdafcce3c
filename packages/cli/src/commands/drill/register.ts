import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr drill` and its options. */
function declareDrill(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('drill')
      .description(
        'Rehearse a recovery: canaries around a point in time, the restore as the runbook does it, verification, RTO and RPO against the targets, a report (exit 1 when the drill fails)',
      )
      .option('--table <name>', 'table to drill (physical or configured name; default: every table of --environment)')
      .option('--environment <name>', "the table's environment (its configuration: targets, reports, staging)")
      .option(
        '--scenario <scenario>',
        'restore-as (a new table, default), in-place (a staging table rolled back), items (the canaries restored selectively) or export (the table at T to a file)',
      )
      .option(
        '--at <time>',
        "recover to this earlier drill's point in time (default: the newest drill at least an hour old, else just after the canaries)",
      )
      .option('--target-region <region>', 'restore into this Region (the cross-Region drill; restore-as only)')
      .option(
        '--reports-dir <dir>',
        'where the reports go (default: drills.reports.directory, else docs/ops/recovery-tests)',
      )
      .option('--keep-restored-table', 'keep the restored table for inspection (restore-as; delete it by hand)')
      .option('--plan', "the dry run: each scenario's plan, an RTO estimate and an access check; changes nothing")
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { json: 'print one JSON document on stdout', stateDir: 'where run journals and locks are kept' },
  );
}

/** Flags of `dynamo-dr drill`, as commander parses them. */
export type DrillCommandOptions = OptionsOf<ReturnType<typeof declareDrill>>;

/** Registers `dynamo-dr drill`; its module loads only when it runs. */
export function registerDrill(program: CommandUnknownOpts): void {
  declareDrill(program).action(async (opts) => (await import('./index.js')).drill(opts));
}
