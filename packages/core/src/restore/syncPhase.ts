import { DrError, VerificationError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../journal/runRecord.js';
import { compareTables, syncSegment, type SegmentResult } from '../sync/index.js';
import { backupStatus } from './dynamoDbCalls.js';
import { isVerified, readTableRun, recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/** What the sync state machine does per segment: seed 002's delete and copy phases, or the delta. */
export type SyncOperation = 'empty' | 'copy' | 'delta';

/** How long one sync engine call runs before it checkpoints (and reports progress). */
const CHUNK_MS = 1000;
const DEFAULT_SEGMENT_BUDGET_MS = 600_000;

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
 * Runs one segment of a sync operation with the sync engine, saving its
 * checkpoints in the run journal after every chunk: a resumed run skips done
 * segments and continues the others where they stopped. Returns `done: false`
 * when its time budget ran out; the workflow calls it again.
 */
export async function syncTableSegment(
  ctx: RestoreContext,
  plan: TableRestorePlan,
  operation: SyncOperation,
  segment: number,
): Promise<{ done: boolean }> {
  const key = `${operation}:${segment}`;
  const table = await readTableRun(ctx, plan);
  if (isVerified(table) || table?.segmentsDone.includes(key)) return { done: true };
  let checkpoints = table?.checkpoints?.[key];
  const until = Date.now() + (ctx.segmentBudgetMs ?? DEFAULT_SEGMENT_BUDGET_MS);
  let scanned = 0;
  for (;;) {
    const result: SegmentResult = await syncSegment({
      operation,
      source: operation === 'empty' ? undefined : { ...ctx.aws, tableName: plan.restoredTableName },
      destination: { ...ctx.aws, tableName: plan.tableName },
      segment,
      totalSegments: plan.segments,
      checkpoints,
      timeBudgetMs: CHUNK_MS,
      sensitive: plan.sensitive,
    });
    checkpoints = result.checkpoints;
    ctx.onProgress?.({ tableName: plan.tableName, phase: operation, newItems: result.counts.scanned - scanned });
    scanned = result.counts.scanned;
    await recordTable(ctx, plan, (t) => ({
      ...t,
      checkpoints: { ...t.checkpoints, [key]: result.checkpoints },
      ...(result.done
        ? { segmentsDone: [...t.segmentsDone, key], counts: addCounts(t.counts, operation, result.counts) }
        : {}),
    }));
    if (result.done || Date.now() >= until) return { done: result.done };
  }
}

/**
 * Verifies the destination against the restored table (count and content
 * digest) and records the result. A difference fails the run loudly.
 */
export async function verifyTableData(
  ctx: RestoreContext,
  plan: TableRestorePlan,
): Promise<{ verification: { equal: boolean; count: number; digest: string } }> {
  const recorded = await readTableRun(ctx, plan);
  if (isVerified(recorded)) return { verification: recorded!.verification! };
  await recordTable(ctx, plan, (t) => phaseStarted(phaseEnded(t, 'sync', new Date()), 'verify', new Date()));
  let reported = 0;
  const comparison = await compareTables(
    { client: ctx.dynamodb, tableName: plan.restoredTableName },
    { client: ctx.dynamodb, tableName: plan.tableName },
    {
      segments: plan.segments,
      sensitive: plan.sensitive,
      onProgress: (p) => {
        ctx.onProgress?.({ tableName: plan.tableName, phase: 'verify', newItems: p.scanned - reported });
        reported = p.scanned;
      },
    },
  );
  const verification = { equal: comparison.equal, count: comparison.b.count, digest: comparison.b.digest };
  // A failed verification forgets the finished segments: running the command again syncs anew.
  await recordTable(ctx, plan, (t) =>
    phaseEnded(
      comparison.equal ? { ...t, verification } : { ...t, verification, segmentsDone: [], checkpoints: {} },
      'verify',
      new Date(),
    ),
  );
  if (!comparison.equal) {
    throw new VerificationError(
      `${plan.tableName} differs from its restored copy ${plan.restoredTableName} after the sync (the forensic backup ${plan.forensicBackupName} and ${plan.restoredTableName} are kept)`,
      comparison.a,
      comparison.b,
    );
  }
  return { verification };
}

function addCounts(
  counts: Readonly<Record<string, number>>,
  operation: SyncOperation,
  add: SegmentResult['counts'],
): Record<string, number> {
  const out = { ...counts };
  for (const [name, value] of Object.entries(add))
    out[`${operation}.${name}`] = (out[`${operation}.${name}`] ?? 0) + value;
  return out;
}
