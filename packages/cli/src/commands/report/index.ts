import { writeFile } from 'node:fs/promises';
import {
  assertWritableFile,
  drReportHtml,
  drReportMarkdown,
  healthClients,
  loadConfig,
  requireConfig,
  runDrReport,
} from '@dynamo-dr/core';
import type { ReportCommandOptions } from './register.js';

/**
 * `dynamo-dr report`: writes the report and exits 0 whatever it shows (`check` is the gate that fails); 2 on bad
 * input, with nothing written.
 */
export async function report(opts: ReportCommandOptions): Promise<void> {
  const out = await assertWritableFile('--out', opts.out, { replace: opts.force === true, replaceFlag: '--force' });
  const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
  const clients = healthClients({ region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl });
  const drReport = await runDrReport(clients, {
    config,
    environment: opts.environment,
    reportsDirectory: opts.reportsDir,
  });
  const text = opts.format === 'md' ? drReportMarkdown(drReport) : await drReportHtml(drReport);
  // `wx` unless replacing: a file that appeared since the check above is not overwritten either.
  await writeFile(out, text, { flag: opts.force ? 'w' : 'wx' });
  const drills = drReport.tables.reduce((n, t) => n + t.drills.length, 0);
  const { pass, warn, fail } = drReport.check.counts;
  console.error(
    `Wrote ${out}: ${drReport.tables.length} table(s), ${drills} drill(s); backup check ${pass} passed, ${warn} warning(s), ${fail} failed.`,
  );
}
