import { DRILL_REPORT_FORMAT, DRILL_REPORT_VERSION, type DrillReport } from '../../src/drillReports/drillReport.js';

/** A drill report as `dynamo-dr drill` writes one: a restore-as drill of `tableName` that finished at `finishedAt`. */
export function passedDrillReport(
  environment: string,
  tableName: string,
  finishedAt: Date,
  outcome: DrillReport['outcome'] = 'passed',
): DrillReport {
  const startedAt = new Date(finishedAt.getTime() - 1_500_000);
  return {
    format: DRILL_REPORT_FORMAT,
    version: DRILL_REPORT_VERSION,
    drillId: `drill-${finishedAt.getTime()}`,
    environment,
    tableName,
    scenario: 'restore-as',
    region: 'us-east-1',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    pointInTime: new Date(startedAt.getTime() - 3_600_000).toISOString(),
    outcome,
    failures: outcome === 'passed' ? [] : ['canary canary#3 came back with a different body'],
    measurements: {
      rtoSeconds: { total: 1500, phases: { restore: 1320, verify: 180 } },
      rpoSeconds: { latestRestorableLag: 290, granularity: 1 },
    },
    targets: { rtoMinutes: 30, rpoMinutes: 5 },
    verification: { canaries: { expected: 5, matched: 5, mismatches: [] } },
    lessonsLearned: '',
    toolVersion: '0.1.0',
  };
}
