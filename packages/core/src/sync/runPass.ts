import type { KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import type { CheckpointStore, SegmentCounts } from '../checkpoint/checkpointStore.js';
import { runDeltaPass } from './deltaPass.js';
import type { EngineContext } from './engineContext.js';
import { loadResumePoint, saveResumePoint } from './passCheckpoint.js';
import { readPage } from './readItems.js';
import { addCounts, NO_COUNTS } from './segmentCounts.js';
import type { SegmentStateCodec } from './segmentState.js';
import { DigestAccumulator, type TableDigest } from './tableDigest.js';
import { writeItems } from './writeItems.js';
import { keyAttributes, put, remove } from './writeRequests.js';

/**
 * One pass over one scan segment:
 * - `copy`: put every source item (and digest the source);
 * - `empty`: delete every destination item;
 * - `delta`: make the destination segment equal to the source segment (and digest the source), see `runDeltaPass`;
 * - `digest`: digest the source.
 */
export type Pass = 'copy' | 'empty' | 'delta' | 'digest';

export interface PassTask {
  readonly pass: Pass;
  readonly source?: TableRef;
  readonly destination?: TableRef;
  readonly schema: KeySchema;
  readonly segment: number;
  readonly totalSegments: number;
}

/** Where a pass keeps its checkpoints (absent: it does not checkpoint). */
export interface PassCheckpointing {
  readonly store: CheckpointStore;
  readonly runId: string;
  readonly codec: SegmentStateCodec;
}

export interface PassResult {
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /** Digest of the source segment (copy, delta, digest). */
  readonly digest?: TableDigest;
}

/**
 * Runs a pass from its last checkpoint to the segment's end, saving a
 * checkpoint after each page whose writes DynamoDB has all accepted — so a
 * kill at any moment loses at most one page of work, which a resume redoes
 * (puts and deletes are idempotent). Stops early, at a page boundary, once
 * `deadline` (epoch ms) has passed.
 */
export async function runPass(
  task: PassTask,
  ctx: EngineContext,
  checkpointing?: PassCheckpointing,
  deadline?: number,
): Promise<PassResult> {
  if (task.pass === 'delta') return runDeltaPass(task, ctx, checkpointing, deadline);
  const scanned = task.pass === 'empty' ? task.destination! : task.source!;
  const resume = await loadResumePoint(task, checkpointing);
  let counts = resume.counts;
  const hasDigest = task.pass !== 'empty';
  const digest = new DigestAccumulator(resume.state.digest);
  if (resume.done) return { done: true, counts, digest: hasDigest ? digest.value() : undefined };

  let cursor = resume.state.cursor;
  const keysOnly = task.pass === 'empty';
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
  task: PassTask,
  items: Item[],
  digest: DigestAccumulator,
  ctx: EngineContext,
): Promise<SegmentCounts> {
  const scanned = items.length;
  switch (task.pass as Exclude<Pass, 'delta'>) {
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
