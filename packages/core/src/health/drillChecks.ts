import { latestSuccessfulDrill, type DrillReportsRead } from '../drillReports/latestDrills.js';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import type { CheckItem } from './checkItem.js';
import { duration } from './timeFormats.js';

const DAY_MS = 86_400_000;

/**
 * Per table: its latest drill that passed finished within the maximum age (90 days by default), according
 * to the drill reports read from `locations`.
 *
 * @example
 * drillChecks(policy, await readDrillReports(sources), ['docs/ops/recovery-tests'], new Date());
 */
export function drillChecks(
  policy: BackupPolicy,
  drills: DrillReportsRead,
  locations: readonly string[],
  now: Date,
): CheckItem[] {
  const where = locations.length > 0 ? locations.join(', ') : 'no drill report location (drills.reports)';
  const skipped =
    drills.unreadable.length > 0
      ? `; skipped ${drills.unreadable.map((u) => `${u.location} (${u.problem})`).join(', ')}`
      : '';
  return policy.tables.map(({ tableName }) => {
    const base = { id: 'drill', environment: policy.environment, tableName } as const;
    const fix = `Run a drill: dynamo-dr drill --table ${tableName} --environment ${policy.environment}.`;
    const latest = latestSuccessfulDrill(drills.reports, policy.environment, tableName);
    if (!latest) {
      const failed = drills.reports.filter(
        (r) => r.report.environment === policy.environment && r.report.tableName === tableName,
      ).length;
      return {
        ...base,
        status: 'fail',
        evidence: `no successful drill on record in ${where}${failed > 0 ? ` (${failed} failed)` : ''}${skipped}`,
        fix,
      };
    }
    const { report, location } = latest;
    const ageDays = (now.getTime() - Date.parse(report.finishedAt)) / DAY_MS;
    const evidence = `last successful drill ${report.finishedAt} (${report.scenario}, RTO ${duration(report.measurements.rtoSeconds.total)}), ${Math.floor(ageDays)} day(s) ago: ${location}${skipped}`;
    return ageDays <= policy.drillMaxAgeDays
      ? { ...base, status: 'pass', evidence }
      : { ...base, status: 'fail', evidence: `${evidence}; older than ${policy.drillMaxAgeDays} days`, fix };
  });
}
