import type { SegmentCounts } from '../checkpoint/checkpointStore.js';

export const NO_COUNTS: SegmentCounts = { scanned: 0, written: 0, deleted: 0, unchanged: 0 };

/** Adds counts of disjoint work (pages, passes, segments). */
export function addCounts(...parts: readonly SegmentCounts[]): SegmentCounts {
  return parts.reduce(
    (sum, c) => ({
      scanned: sum.scanned + c.scanned,
      written: sum.written + c.written,
      deleted: sum.deleted + c.deleted,
      unchanged: sum.unchanged + c.unchanged,
    }),
    NO_COUNTS,
  );
}
