import { writeFile } from 'node:fs/promises';
import {
  assertWritableFile,
  checkReportMarkdown,
  healthClients,
  loadConfig,
  requireConfig,
  runBackupCheck,
} from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';
import { formatCheckReport } from './formatCheckReport.js';
import type { CheckCommandOptions } from './register.js';

/** `dynamo-dr check`: exit 0 when every item passes (warnings allowed), 1 when one fails, 2 on bad input. */
export async function check(opts: CheckCommandOptions): Promise<void> {
  const out = opts.out === undefined ? undefined : await assertWritableFile('--out', opts.out, { replace: true });
  const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
  const clients = healthClients({ region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl });
  const report = await runBackupCheck(clients, { config, environment: opts.environment, testAlarms: opts.testAlarms });
  if (out) await writeFile(out, checkReportMarkdown(report));
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else console.error(formatCheckReport(report));
  if (!report.ok) {
    const failed = report.items.filter((item) => item.status === 'fail');
    throw new ExitError(1, `The backup check failed: ${failed.length} item(s) failed (see docs/monitoring.md).`);
  }
}
