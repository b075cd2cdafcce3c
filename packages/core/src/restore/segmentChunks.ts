import { syncSegment, type SegmentRequest, type SegmentResult } from '../sync/index.js';
import { readTableRun, recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/** How long one sync engine call runs before it checkpoints (and reports progress). */
const CHUNK_MS = 1000;
const DEFAULT_SEGMENT_BUDGET_MS = 600_000;

/** When a handler call that started now must return (unfinished if need be): well under Lambda's limit. */
export function segmentDeadline(ctx: RestoreContext): number {
  return Date.now() + (ctx.segmentBudgetMs ?? DEFAULT_SEGMENT_BUDGET_MS);
}

/**
 * Runs one segment request of the sync engine chunk by chunk, saving its
 * checkpoints in the run journal under `key` after every unfinished chunk, so
 * that a killed or timed-out call continues where it stopped. The write pace
 * goes from chunk to chunk, starting from `request.pace` (the previous call's).
 * Returns the last result: done, or not done when `until` has passed.
 * Recording a done result is the caller's.
 */
export async function runSegmentChunks(
  ctx: RestoreContext,
  plan: TableRestorePlan,
  key: string,
  phase: string,
  request: Omit<SegmentRequest, 'checkpoints' | 'timeBudgetMs'>,
  until: number,
): Promise<SegmentResult> {
  let checkpoints = (await readTableRun(ctx, plan))?.checkpoints?.[key];
  let pace = request.pace;
  let reported: number | undefined;
  for (;;) {
    const result = await syncSegment({ ...request, checkpoints, pace, timeBudgetMs: CHUNK_MS });
    checkpoints = result.checkpoints;
    // Each chunk starts at the pace the previous one ended with: pacing settles as in one long call.
    pace = result.pace;
    // Counts include earlier chunks (they travel in the checkpoints): report what is new.
    ctx.onProgress?.({ tableName: plan.tableName, phase, newItems: result.counts.scanned - (reported ?? 0) });
    reported = result.counts.scanned;
    if (!result.done) {
      await recordTable(ctx, plan, (t) => ({ ...t, checkpoints: { ...t.checkpoints, [key]: result.checkpoints } }));
    }
    if (result.done || Date.now() >= until) return result;
  }
}
