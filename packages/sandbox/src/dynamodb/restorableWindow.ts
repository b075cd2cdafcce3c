import type { DynamoStore } from './store/dynamoStore.js';
import type { TableInstance } from './store/tableInstance.js';

const DAY_MS = 86_400_000;

/** The times a PITR restore of a table may target, in ms; undefined while PITR is off. */
export interface RestorableWindow {
  readonly earliestMs: number;
  readonly latestMs: number;
}

/**
 * EarliestRestorableDateTime is when PITR was (last) enabled, or the start
 * of the retention period if that is later; LatestRestorableDateTime trails
 * now by the configured lag (AWS: typically 5 minutes).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html
 */
export function restorableWindow(store: DynamoStore, instance: TableInstance): RestorableWindow | undefined {
  const pitr = instance.pitr;
  if (!pitr) return undefined;
  const now = Date.now();
  const earliestMs = Math.max(pitr.enabledMs, now - pitr.recoveryPeriodInDays * DAY_MS);
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
