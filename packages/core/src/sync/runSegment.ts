import type { KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import type { CheckpointStore, SegmentCounts } from '../checkpoint/checkpointStore.js';
import { runDeltaSegment } from './deltaSegment.js';
import type { EngineContext } from './engineContext.js';
import { loadResumePoint, saveResumePoint } from './segmentCheckpoint.js';
import { readPage } from './readItems.js';
import { addCounts, NO_COUNTS } from './segmentCounts.js';
import type { SegmentStateCodec } from './segmentState.js';
import type { SyncOperation } from './syncTypes.js';
import { DigestAccumulator, type TableDigest } from './tableDigest.js';
import { writeItems } from './writeItems.js';
import { keyAttributes, put, remove } from './writeRequests.js';

/** One operation over one scan segment of its tables (see {@link SyncOperation}). */
export interface SegmentTask {
  readonly operation: SyncOperation;
  readonly source?: TableRef;
  readonly destination?: TableRef;
  readonly schema: KeySchema;
  readonly segment: number;
  readonly totalSegments: number;
}

/** Where a segment keeps its checkpoints (absent: it does not checkpoint). */
export interface SegmentCheckpointing {
  readonly store: CheckpointStore;
  readonly runId: string;
  readonly codec: SegmentStateCodec;
}

/** What one segment of an operation did. */
export interface SegmentOutcome {
  /** False when the deadline passed first: run it again (from its checkpoint) to go on. */
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /** The source segment's digest (copy, delta, digest), once the segment is done. */
  readonly digest?: TableDigest;
}

/**
 * Runs an operation over one segment from its last checkpoint to the segment's end, saving a checkpoint
 * after each page whose writes DynamoDB has all accepted — so a kill at any moment loses at most one page of
 * work, which a resume redoes (puts and deletes are idempotent). Stops early, at a page boundary, once
 * `deadline` (epoch ms) has passed. The one function behind the whole-table operations (all segments in one
 * process), `syncSegment` (one segment per Lambda invocation) and the restore workflow's segment steps.
 */
export async function runSegment(
  task: SegmentTask,
  ctx: EngineContext,
  checkpointing?: SegmentCheckpointing,
  deadline?: number,
): Promise<SegmentOutcome> {
  const outcome =
    task.operation === 'delta'
      ? await runDeltaSegment(task, ctx, checkpointing, deadline)
      : await runScanSegment(task, ctx, checkpointing, deadline);
  return outcome.done ? outcome : { done: false, counts: outcome.counts };
}

/** `copy`, `empty` and `digest`: one scan of one table, each page applied. */
async function runScanSegment(
  task: SegmentTask,
  ctx: EngineContext,
  checkpointing: SegmentCheckpointing | undefined,
  deadline: number | undefined,
): Promise<SegmentOutcome> {
  const scanned = task.operation === 'empty' ? task.destination! : task.source!;
  const resume = await loadResumePoint(task, checkpointing);
  let counts = resume.counts;
  const hasDigest = task.operation !== 'empty';
  const digest = new DigestAccumulator(resume.state.digest);
  if (resume.done) return { done: true, counts, digest: hasDigest ? digest.value() : undefined };

  let cursor = resume.state.cursor;
  const keysOnly = task.operation === 'empty';
  for (;;) {
    const page = await readPage(
      scanned,
      {
        segment: task.segment,
        totalSegments: task.totalSegments,
        startKey: cursor,
        attributes: keysOnly ? keyAttributes(task.schema) : undefined,
      },
      ctx,
    );
    const delta = await applyPage(task, page.items, digest, ctx);
    counts = addCounts(counts, delta);
    ctx.progress.add(delta);
    cursor = page.lastKey;
    const done = cursor === undefined;
    await saveResumePoint(task, checkpointing, {
      done,
      counts,
      state: { cursor, digest: hasDigest ? digest.value() : undefined },
    });
    if (done) ctx.progress.segmentDone();
    if (done || (deadline !== undefined && Date.now() >= deadline)) {
      return { done, counts, digest: hasDigest ? digest.value() : undefined };
    }
  }
}

async function applyPage(
  task: SegmentTask,
  items: Item[],
  digest: DigestAccumulator,
  ctx: EngineContext,
): Promise<SegmentCounts> {
  const scanned = items.length;
  switch (task.operation as Exclude<SyncOperation, 'delta'>) {
    case 'digest':
      for (const item of items) digest.add(item);
      return { ...NO_COUNTS, scanned };
    case 'copy': {
      for (const item of items) digest.add(item);
      await writeItems(task.destination!, items.map(put), task.schema, ctx);
      return { ...NO_COUNTS, scanned, written: scanned };
    }
    case 'empty':
      await writeItems(task.destination!, items.map(remove), task.schema, ctx);
      return { ...NO_COUNTS, scanned, deleted: scanned };
  }
}
