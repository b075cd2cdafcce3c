import { restorableWindow } from './restorableWindow.js';
import type { DynamoStore } from './store/dynamoStore.js';
import type { TableInstance } from './store/tableInstance.js';

/**
 * How far past the retention period the oldest entry may fall before a trim: trims then come an hour's worth at
 * a time, not one entry per write.
 */
const TRIM_SLACK_MS = 3_600_000;

/**
 * Trims a table instance's journal to what a restore or an export may still target: AWS keeps PITR history for
 * the recovery period only (RecoveryPeriodInDays, 1–35 days), and none while PITR is off
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html). The
 * cut of every on-demand backup of the instance is kept: a backup outlives the recovery period. Returns how many
 * entries were trimmed.
 */
export function trimJournal(store: DynamoStore, instance: TableInstance): number {
  const journal = store.journal(instance);
  const oldest = journal.oldestMs;
  const cutoff = restorableWindow(store, instance)?.earliestMs ?? store.now();
  if (oldest === undefined || oldest >= cutoff - TRIM_SLACK_MS) return 0;
  const backupCuts = store
    .backups()
    .filter((backup) => backup.instanceId === instance.id)
    .map((backup) => backup.journalEntries);
  return journal.trimBefore(cutoff, Math.min(...backupCuts));
}
