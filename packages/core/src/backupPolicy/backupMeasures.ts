import type { TableBackupState } from './backupStateCalls.js';

const DAY_SECONDS = 86_400;

/**
 * A table's backup health in numbers, as the monitor publishes them and `check` judges them. Seconds
 * throughout; the window is what a restore may target right now.
 */
export interface BackupMeasures {
  readonly pitrEnabled: boolean;
  /** The table's `RecoveryPeriodInDays` in seconds; 0 while PITR is off. */
  readonly retentionSeconds: number;
  /** Latest less earliest restorable time; 0 while PITR is off. */
  readonly restorableWindowSeconds: number;
  /**
   * Where the required retention puts the earliest restorable time: the table's creation, or now less the
   * retention if that is later. PITR enabled at creation and never reset, with the required retention, has
   * its earliest restorable time there.
   */
  readonly expectedEarliest: Date;
  /**
   * How far the earliest restorable time is after {@link expectedEarliest}: PITR turned off and on again (AWS
   * then starts the window anew), enabled late, or a retention shorter than required all show here. While
   * PITR is off (or the table is gone) nothing is restorable, so the whole expected window is missing.
   */
  readonly windowDeficitSeconds: number;
  /** Now less the latest restorable time (AWS: typically about 5 minutes); undefined while PITR is off. */
  readonly latestRestorableLagSeconds?: number;
}

/**
 * Computes a table's {@link BackupMeasures} at `now` against the retention it must have.
 *
 * @example
 * const m = backupMeasures(await describeBackupState(dynamodb, 'Prod-Orders'), 35, new Date());
 * if (m.windowDeficitSeconds > 3600) console.error('the restorable window is short');
 */
export function backupMeasures(state: TableBackupState, requiredRetentionDays: number, now: Date): BackupMeasures {
  const retentionStart = now.getTime() - requiredRetentionDays * DAY_SECONDS * 1000;
  const expectedEarliestMs = state.exists ? Math.max(state.createdAt.getTime(), retentionStart) : retentionStart;
  const expectedEarliest = new Date(Math.min(expectedEarliestMs, now.getTime()));
  if (!state.exists || !state.pitr.enabled) {
    return {
      pitrEnabled: false,
      retentionSeconds: 0,
      restorableWindowSeconds: 0,
      expectedEarliest,
      windowDeficitSeconds: seconds(now.getTime() - expectedEarliest.getTime()),
    };
  }
  const { earliest, latest, retentionDays } = state.pitr;
  return {
    pitrEnabled: true,
    retentionSeconds: retentionDays * DAY_SECONDS,
    restorableWindowSeconds: seconds(latest.getTime() - earliest.getTime()),
    expectedEarliest,
    windowDeficitSeconds: seconds(earliest.getTime() - expectedEarliest.getTime()),
    latestRestorableLagSeconds: seconds(now.getTime() - latest.getTime()),
  };
}

/** Whole milliseconds as seconds (three decimals), never negative: clocks of caller and AWS differ a little. */
function seconds(ms: number): number {
  return Math.max(0, Math.round(ms)) / 1000;
}
