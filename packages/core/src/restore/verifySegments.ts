import { VerificationError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { combineDigests, type TableDigest } from '../sync/tableDigest.js';
import { CHECKPOINT_NAMES, checkpointRunId, runRestoreSegment } from './restoreSegments.js';
import { isVerified, restoreRunKey, type RestoreRun, type RestoreTableRun } from './restoreRun.js';
import type { RestoreStepContext } from './restoreStepContext.js';
import type { TableRestorePlan } from './restorePlan.js';

const SIDES = ['restored', 'destination'] as const;

/** Ends the sync phase and starts the verification in the journal. */
export async function startVerification(ctx: RestoreStepContext, plan: TableRestorePlan): Promise<void> {
  const key = restoreRunKey(plan);
  if (isVerified(await readTableRun<RestoreRun>(ctx.journal, key))) return;
  await recordTable<RestoreRun>(ctx.journal, key, (t) =>
    phaseStarted(t.phases.sync?.endedAt ? t : phaseEnded(t, 'sync', new Date()), 'verify', new Date()),
  );
}

/**
 * Digests one scan segment of the restored table and of the destination (count and order-independent
 * content digest), checkpointed like a sync segment, and records both: the fan-out over segments verifies a
 * table of any size within Lambda's limits.
 */
export async function verifyTableSegment(
  ctx: RestoreStepContext,
  plan: TableRestorePlan,
  segment: number,
): Promise<{ done: boolean; pace: object }> {
  const runKey = restoreRunKey(plan);
  const table = await readTableRun<RestoreRun>(ctx.journal, runKey);
  if (isVerified(table)) return { done: true, pace: {} };
  for (const side of SIDES) {
    const key = `verify-${side}:${segment}`;
    if (table?.segmentsDone.includes(key)) continue;
    const { outcome } = await runRestoreSegment(
      ctx,
      plan,
      {
        operation: 'digest',
        source: side === 'restored' ? plan.restoredTableName : plan.tableName,
        segment,
        phase: 'verify',
        checkpointName: `verify-${side}`,
      },
      undefined,
    );
    if (!outcome.done) return { done: false, pace: {} };
    await recordTable<RestoreRun>(ctx.journal, runKey, (t) => ({
      ...t,
      segmentsDone: [...t.segmentsDone, key],
      digests: { ...t.digests, [key]: outcome.digest! },
    }));
  }
  return { done: true, pace: {} };
}

/**
 * Compares the destination with the restored table from the segment digests and records the verification.
 * A difference fails the run loudly and forgets the finished segments and their checkpoints, so running the
 * same command again syncs anew; an equal one lets the checkpoints go.
 */
export async function verifyTableData(ctx: RestoreStepContext, plan: TableRestorePlan): Promise<void> {
  const key = restoreRunKey(plan);
  const table = await readTableRun<RestoreRun>(ctx.journal, key);
  if (isVerified(table)) return;
  const [restored, destination] = SIDES.map((side) => combinedDigest(table, side, plan.segments));
  const equal = restored!.count === destination!.count && restored!.digest === destination!.digest;
  const verification = { equal, count: destination!.count, digest: destination!.digest };
  await recordTable<RestoreRun>(ctx.journal, key, (t) =>
    phaseEnded(
      equal ? { ...t, verification } : { ...t, verification, segmentsDone: [], digests: {} },
      'verify',
      new Date(),
    ),
  );
  for (const name of CHECKPOINT_NAMES) await ctx.checkpoints.clear(checkpointRunId(plan, name));
  if (!equal) {
    throw new VerificationError(
      `${plan.tableName} differs from its restored copy ${plan.restoredTableName} after the sync (the forensic backup ${plan.forensicBackupName} and ${plan.restoredTableName} are kept)`,
      restored!,
      destination!,
    );
  }
}

function combinedDigest(
  table: RestoreTableRun | undefined,
  side: (typeof SIDES)[number],
  segments: number,
): TableDigest {
  const parts = Array.from({ length: segments }, (_, i) => table?.digests?.[`verify-${side}:${i}`]);
  const missing = parts.findIndex((p) => !p);
  if (missing >= 0) throw new Error(`Segment ${missing} of the ${side} table was not digested before the comparison`);
  return combineDigests(...(parts as TableDigest[]));
}
