import { backupStatus } from '../aws/dynamoDbCalls.js';
import { DrError } from '../errors.js';
import { phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { addCounts, NO_COUNTS } from '../sync/segmentCounts.js';
import type { SegmentPace } from '../sync/segmentPace.js';
import { runRestoreSegment } from './restoreSegments.js';
import { isVerified, restoreRunKey, type RestoreRun, type RestoreSyncOperation } from './restoreRun.js';
import type { RestoreStepContext } from './restoreStepContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/**
 * The gate of the sync: refuses to touch the destination unless the forensic backup is AVAILABLE, then
 * records the sync as started.
 */
export async function prepareSync(ctx: RestoreStepContext, plan: TableRestorePlan): Promise<void> {
  const key = restoreRunKey(plan);
  const table = await readTableRun<RestoreRun>(ctx.journal, key);
  if (isVerified(table)) return;
  const status = table?.forensicBackupArn ? await backupStatus(ctx.dynamodb, table.forensicBackupArn) : undefined;
  if (status !== 'AVAILABLE') {
    throw new DrError(
      `The forensic backup of ${plan.tableName} is ${status ?? 'not recorded'}: nothing is deleted before it is AVAILABLE.`,
      { hint: 'Run the same command again: it waits for the backup first.' },
    );
  }
  await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseStarted(t, 'sync', new Date()));
}

/**
 * Runs one segment of a sync operation (checkpointed): a resumed run skips done segments and continues the
 * others where they stopped. Returns `done: false` when its time budget ran out (on Lambda); the state
 * machine calls it again with the `pace` returned.
 */
export async function syncTableSegment(
  ctx: RestoreStepContext,
  plan: TableRestorePlan,
  operation: RestoreSyncOperation,
  segment: number,
  pace?: SegmentPace,
): Promise<{ done: boolean; pace: SegmentPace }> {
  const key = `${operation}:${segment}`;
  const runKey = restoreRunKey(plan);
  const table = await readTableRun<RestoreRun>(ctx.journal, runKey);
  if (isVerified(table) || table?.segmentsDone.includes(key)) return { done: true, pace: {} };
  const result = await runRestoreSegment(
    ctx,
    plan,
    {
      operation,
      source: operation === 'empty' ? undefined : plan.restoredTableName,
      destination: plan.tableName,
      segment,
      phase: operation,
      checkpointName: operation,
    },
    pace,
  );
  if (result.outcome.done) {
    await recordTable<RestoreRun>(ctx.journal, runKey, (t) => ({
      ...t,
      segmentsDone: [...t.segmentsDone, key],
      counts: { ...t.counts, [operation]: addCounts(t.counts[operation] ?? NO_COUNTS, result.outcome.counts) },
    }));
  }
  return { done: result.outcome.done, pace: result.pace };
}
