import type { DynamoStore, DynamoTimings } from './store/dynamoStore.js';
import type { TableInstance } from './store/tableInstance.js';

/** The times a PITR restore of a table may target, in ms; undefined while PITR is off. */
export interface RestorableWindow {
  readonly earliestMs: number;
  readonly latestMs: number;
}

/**
 * The oldest moment whose state a restore or an export of the table may still ask for: while PITR is on, when it
 * was (last) enabled, or the start of the recovery period if later; while it is off, now (no time can be).
 */
export function oldestRestorableMs(instance: TableInstance, timings: DynamoTimings, now: number): number {
  const pitr = instance.pitr;
  return pitr ? Math.max(pitr.enabledMs, now - pitr.recoveryPeriodInDays * timings.pitrDayMs) : now;
}

/**
 * EarliestRestorableDateTime is when PITR was (last) enabled, or the start
 * of the retention period if that is later (and never before what the journal
 * kept: a longer period set later does not bring back what was dropped);
 * LatestRestorableDateTime trails now by the configured lag (AWS: typically 5 minutes).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html
 */
export function restorableWindow(store: DynamoStore, instance: TableInstance): RestorableWindow | undefined {
  if (!instance.pitr) return undefined;
  const now = Date.now();
  const earliestMs = Math.max(oldestRestorableMs(instance, store.timings, now), store.journal(instance).oldestMs);
  return { earliestMs, latestMs: Math.max(earliestMs, now - store.timings.latestRestorableLagMs) };
}

/** The ContinuousBackupsDescription of DescribeContinuousBackups and UpdateContinuousBackups. */
export function continuousBackupsDescription(store: DynamoStore, instance: TableInstance): Record<string, unknown> {
  const window = restorableWindow(store, instance);
  return {
    // Continuous backups are ENABLED on every table at creation; PITR is the switch.
    ContinuousBackupsStatus: 'ENABLED',
    PointInTimeRecoveryDescription:
      window && instance.pitr
        ? {
            PointInTimeRecoveryStatus: 'ENABLED',
            RecoveryPeriodInDays: instance.pitr.recoveryPeriodInDays,
            EarliestRestorableDateTime: window.earliestMs / 1000,
            LatestRestorableDateTime: window.latestMs / 1000,
          }
        : { PointInTimeRecoveryStatus: 'DISABLED' },
  };
}
