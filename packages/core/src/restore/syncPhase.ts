import { DrError } from '../errors.js';
import { phaseStarted } from '../journal/runRecord.js';
import type { SegmentPace, SegmentResult } from '../sync/index.js';
import { backupStatus } from './dynamoDbCalls.js';
import { isVerified, readTableRun, recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';
import { runSegmentChunks, segmentDeadline } from './segmentChunks.js';

/** What the sync state machine does per segment: seed 002's delete and copy phases, or the delta. */
export type SyncOperation = 'empty' | 'copy' | 'delta';

/**
 * The gate of phase 2: refuses to touch the destination unless the forensic
 * backup is AVAILABLE, then lists the segments the Map state fans out over.
 */
export async function prepareSync(ctx: RestoreContext, plan: TableRestorePlan): Promise<{ segments: number[] }> {
  const table = await readTableRun(ctx, plan);
  const segments = Array.from({ length: plan.segments }, (_, i) => i);
  if (isVerified(table)) return { segments };
  const status = table?.forensicBackupArn ? await backupStatus(ctx.dynamodb, table.forensicBackupArn) : undefined;
  if (status !== 'AVAILABLE') {
    throw new DrError(
      `The forensic backup of ${plan.tableName} is ${status ?? 'not recorded'}: nothing is deleted before it is AVAILABLE.`,
      { hint: 'Run the same command again: it waits for the backup first.' },
    );
  }
  await recordTable(ctx, plan, (t) => phaseStarted(t, 'sync', new Date()));
  return { segments };
}

/**
 * Runs one segment of a sync operation with the sync engine (checkpointed in
 * the run journal): a resumed run skips done segments and continues the
 * others where they stopped. Returns `done: false` when its time budget ran
 * out; the workflow calls it again with the `pace` returned (`{}`: unpaced),
 * so that the writes go on at the pace they had settled to.
 */
export async function syncTableSegment(
  ctx: RestoreContext,
  plan: TableRestorePlan,
  operation: SyncOperation,
  segment: number,
  pace?: SegmentPace,
): Promise<{ done: boolean; pace: SegmentPace }> {
  const key = `${operation}:${segment}`;
  const table = await readTableRun(ctx, plan);
  if (isVerified(table) || table?.segmentsDone.includes(key)) return { done: true, pace: {} };
  const result = await runSegmentChunks(
    ctx,
    plan,
    key,
    operation,
    {
      operation,
      source: operation === 'empty' ? undefined : { ...ctx.aws, tableName: plan.restoredTableName },
      destination: { ...ctx.aws, tableName: plan.tableName },
      segment,
      totalSegments: plan.segments,
      sensitive: plan.sensitive,
      pace,
    },
    segmentDeadline(ctx),
  );
  if (result.done) {
    await recordTable(ctx, plan, (t) => ({
      ...t,
      segmentsDone: [...t.segmentsDone, key],
      counts: addCounts(t.counts, operation, result.counts),
      checkpoints: withoutKey(t.checkpoints, key),
    }));
  }
  return { done: result.done, pace: result.pace ?? {} };
}

function addCounts(
  counts: Readonly<Record<string, number>>,
  operation: SyncOperation,
  add: SegmentResult['counts'],
): Record<string, number> {
  const out = { ...counts };
  for (const [name, value] of Object.entries(add)) {
    out[`${operation}.${name}`] = (out[`${operation}.${name}`] ?? 0) + value;
  }
  return out;
}

/** The checkpoints without a finished segment's. */
export function withoutKey<T>(map: Readonly<Record<string, T>> | undefined, key: string): Record<string, T> {
  const { [key]: _done, ...rest } = map ?? {};
  return rest;
}
