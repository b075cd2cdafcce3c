import { VerificationError } from '../errors.js';
import { phaseEnded, phaseStarted, type TableRun } from '../journal/runRecord.js';
import { combineDigests, type TableDigest } from '../sync/index.js';
import { isVerified, readTableRun, recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';
import { runSegmentChunks, segmentDeadline } from './segmentChunks.js';
import { withoutKey } from './syncPhase.js';

const SIDES = ['restored', 'destination'] as const;

/** Ends the sync phase and starts the verification in the journal. */
export async function startVerification(ctx: RestoreContext, plan: TableRestorePlan): Promise<void> {
  if (isVerified(await readTableRun(ctx, plan))) return;
  await recordTable(ctx, plan, (t) =>
    phaseStarted(t.phases.sync?.endedAt ? t : phaseEnded(t, 'sync', new Date()), 'verify', new Date()),
  );
}

/**
 * Digests one scan segment of the restored table and of the destination
 * (count and order-independent content digest), checkpointed like a sync
 * segment, and records both: the Map over segments verifies a table of any
 * size within Lambda's limits.
 */
export async function verifyTableSegment(
  ctx: RestoreContext,
  plan: TableRestorePlan,
  segment: number,
): Promise<{ done: boolean }> {
  const table = await readTableRun(ctx, plan);
  if (isVerified(table)) return { done: true };
  const until = segmentDeadline(ctx);
  for (const side of SIDES) {
    const key = `verify-${side}:${segment}`;
    if (table?.segmentsDone.includes(key)) continue;
    const tableName = side === 'restored' ? plan.restoredTableName : plan.tableName;
    const result = await runSegmentChunks(
      ctx,
      plan,
      key,
      'verify',
      {
        operation: 'digest',
        source: { ...ctx.aws, tableName },
        segment,
        totalSegments: plan.segments,
        sensitive: plan.sensitive,
      },
      until,
    );
    if (!result.done) return { done: false };
    await recordTable(ctx, plan, (t) => ({
      ...t,
      segmentsDone: [...t.segmentsDone, key],
      digests: { ...t.digests, [key]: result.digest! },
      checkpoints: withoutKey(t.checkpoints, key),
    }));
  }
  return { done: true };
}

/**
 * Compares the destination with the restored table from the segment digests
 * and records the verification. A difference fails the run loudly and forgets
 * the finished segments, so running the same command again syncs anew.
 */
export async function verifyTableData(
  ctx: RestoreContext,
  plan: TableRestorePlan,
): Promise<{ verification: { equal: boolean; count: number; digest: string } }> {
  const table = await readTableRun(ctx, plan);
  if (isVerified(table)) return { verification: table!.verification! };
  const [restored, destination] = SIDES.map((side) => combinedDigest(table, side, plan.segments));
  const equal = restored!.count === destination!.count && restored!.digest === destination!.digest;
  const verification = { equal, count: destination!.count, digest: destination!.digest };
  await recordTable(ctx, plan, (t) =>
    phaseEnded(
      equal ? { ...t, verification } : { ...t, verification, segmentsDone: [], checkpoints: {}, digests: {} },
      'verify',
      new Date(),
    ),
  );
  if (!equal) {
    throw new VerificationError(
      `${plan.tableName} differs from its restored copy ${plan.restoredTableName} after the sync (the forensic backup ${plan.forensicBackupName} and ${plan.restoredTableName} are kept)`,
      restored!,
      destination!,
    );
  }
  return { verification };
}

function combinedDigest(table: TableRun | undefined, side: (typeof SIDES)[number], segments: number): TableDigest {
  const parts = Array.from({ length: segments }, (_, i) => table?.digests?.[`verify-${side}:${i}`]);
  const missing = parts.findIndex((p) => !p);
  if (missing >= 0) throw new Error(`Segment ${missing} of the ${side} table was not digested before the comparison`);
  return combineDigests(...(parts as TableDigest[]));
}
