import type { DrillReport } from '../drillReports/drillReport.js';
import type { LocatedDrillReport } from '../drillReports/latestDrills.js';

/** One drill of a table as the DR report shows it: what it measured against the targets it was run with. */
export interface DrillHistoryEntry extends Pick<
  DrillReport,
  'drillId' | 'scenario' | 'targetRegion' | 'startedAt' | 'finishedAt' | 'pointInTime' | 'outcome' | 'failures'
> {
  readonly rto: {
    readonly totalSeconds: number;
    readonly phases: Readonly<Record<string, number>>;
    readonly targetMinutes: number;
    /** The total was within the target the drill was run with. */
    readonly met: boolean;
  };
  readonly rpo: {
    /** How far the latest restorable time trailed the drill's start: the data a recovery then would lose. */
    readonly latestRestorableLagSeconds: number;
    readonly granularitySeconds: number;
    readonly targetMinutes: number;
    /** The lag was within the target (`drills.rpoTargetMinutes`: how far it may trail a drill's start). */
    readonly met: boolean;
  };
  /** Where the report was read from. */
  readonly location: string;
}

/**
 * The drills of one table, oldest first (by start): the series the report's RTO trend is drawn from.
 *
 * @example
 * const history = drillHistory((await readDrillReports(sources)).reports, 'Prod', 'Prod-Orders');
 */
export function drillHistory(
  reports: readonly LocatedDrillReport[],
  environment: string,
  tableName: string,
): DrillHistoryEntry[] {
  return reports
    .filter(({ report }) => report.environment === environment && report.tableName === tableName)
    .sort((a, b) => Date.parse(a.report.startedAt) - Date.parse(b.report.startedAt))
    .map(({ report, location }) => {
      const { rtoSeconds, rpoSeconds } = report.measurements;
      return {
        drillId: report.drillId,
        scenario: report.scenario,
        ...(report.targetRegion ? { targetRegion: report.targetRegion } : {}),
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        pointInTime: report.pointInTime,
        outcome: report.outcome,
        failures: report.failures,
        rto: {
          totalSeconds: rtoSeconds.total,
          phases: rtoSeconds.phases,
          targetMinutes: report.targets.rtoMinutes,
          met: rtoSeconds.total <= report.targets.rtoMinutes * 60,
        },
        rpo: {
          latestRestorableLagSeconds: rpoSeconds.latestRestorableLag,
          granularitySeconds: rpoSeconds.granularity,
          targetMinutes: report.targets.rpoMinutes,
          met: rpoSeconds.latestRestorableLag <= report.targets.rpoMinutes * 60,
        },
        location,
      };
    });
}
