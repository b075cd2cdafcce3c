import { Option, type Command } from 'commander';
import { commonOptions } from '../../shared/commonOptions.js';

/** Registers `dynamo-dr report`; its module loads only when it runs. */
export function registerReport(program: Command): void {
  commonOptions(
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
  ).action(async (opts) => (await import('./index.js')).report(opts));
}
