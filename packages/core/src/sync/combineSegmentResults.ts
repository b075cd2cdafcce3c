import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import { DrError } from '../errors.js';
import { addCounts } from './segmentCounts.js';
import type { SegmentResult } from './syncSegment.js';
import { combineDigests, type TableDigest } from './tableDigest.js';

/**
 * Adds up the results of every segment of one operation (the output of a
 * Map state): counts add, digests combine regardless of order. Refuses an
 * incomplete set, so a lost segment can never pass as a smaller table.
 *
 * @example
 * const { counts, digest } = combineSegmentResults(mapStateOutput); // throws when a segment is missing
 */
export function combineSegmentResults(results: readonly SegmentResult[]): {
  counts: SegmentCounts;
  digest?: TableDigest;
} {
  const total = results[0]?.totalSegments ?? 0;
  const seen = new Set(results.filter((r) => r.done).map((r) => r.segment));
  if (results.length === 0 || seen.size !== total || results.some((r) => r.totalSegments !== total)) {
    throw new DrError(`Segment results are incomplete: ${seen.size} of ${total} segments done.`, {
      hint: 'Run the missing segments (with their checkpoints) before combining.',
    });
  }
  const digests = results.filter((r) => r.digest).map((r) => r.digest!);
  return {
    counts: addCounts(...results.map((r) => r.counts)),
    digest: digests.length ? combineDigests(...digests) : undefined,
  };
}
