import { Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr report` and its options. */
function declareReport(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('report')
      .description(
        'Write the disaster-recovery report: per table the restorable window against the retention, the backup check, the drill history with an RTO trend chart, costs (one self-contained HTML file, or Markdown)',
      )
      .requiredOption('--out <file>', 'the report file to write (e.g. dr-report.html)')
      .addOption(
        new Option('--format <format>', 'html: one page that needs no network; md: Markdown')
          .choices(['html', 'md'])
          .default('html'),
      )
      .option('--force', 'replace an existing --out file')
      .option('--environment <name>', 'report on this environment of the configuration (default: every one)')
      .option('--reports-dir <dir>', 'read drill reports from this directory (default: the configured drills.reports)')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)'),
    { region: 'AWS region (its prices apply)' },
  );
}

/** Flags of `dynamo-dr report`, as commander parses them. */
export type ReportCommandOptions = OptionsOf<ReturnType<typeof declareReport>>;

/** Registers `dynamo-dr report`; its module loads only when it runs. */
export function registerReport(program: CommandUnknownOpts): void {
  declareReport(program).action(async (opts) => (await import('./index.js')).report(opts));
}
