import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import type { EngineContext } from './engineContext.js';
import { runPass, type Pass, type PassCheckpointing, type PassResult } from './runPass.js';
import type { SyncOperation } from './syncTypes.js';
import type { TableDigest } from './tableDigest.js';
import { addCounts } from './segmentCounts.js';

/** The passes an operation makes over each segment. */
export const PASSES: Readonly<Record<SyncOperation, readonly Pass[]>> = {
  copy: ['copy'],
  empty: ['empty'],
  delta: ['delta'],
  digest: ['digest'],
};

export interface SegmentWork {
  readonly operation: SyncOperation;
  readonly source?: TableRef;
  readonly destination?: TableRef;
  readonly schema: KeySchema;
  readonly segment: number;
  readonly totalSegments: number;
}

/** What one segment of an operation did. */
export interface SegmentOutcome {
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /** The source segment's digest (copy, delta, digest), once the segment is done. */
  readonly digest?: TableDigest;
}

/**
 * Runs every pass of an operation over one segment. The one function behind
 * both the whole-table operations (all segments in one process) and
 * `syncSegment` (one segment per Lambda invocation).
 */
export async function runSegment(
  work: SegmentWork,
  ctx: EngineContext,
  checkpointing?: PassCheckpointing,
  deadline?: number,
): Promise<SegmentOutcome> {
  const results: PassResult[] = await Promise.all(
    PASSES[work.operation].map((pass) => runPass({ ...work, pass }, ctx, checkpointing, deadline)),
  );
  const done = results.every((r) => r.done);
  const counts = addCounts(...results.map((r) => r.counts));
  const digest = results.find((r) => r.digest)?.digest;
  return { done, counts, digest: done ? digest : undefined };
}
