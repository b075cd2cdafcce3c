import type { TableRef } from '../aws/tableRef.js';
import type { ItemFileWriter } from '../itemFile/createItemFileWriter.js';
import { createEngineContext } from '../sync/engineContext.js';
import { readPage } from '../sync/readItems.js';

/**
 * Streams every item of `table` into `writer` with a parallel scan: one page per segment in memory at a
 * time, paced and retried like the sync engine's reads. Returns the number of items written.
 */
export async function scanToFile(
  table: TableRef,
  writer: ItemFileWriter,
  options: {
    readonly segments: number;
    readonly maxReadUnitsPerSecond?: number;
    readonly onItems?: (count: number) => void;
  },
): Promise<number> {
  const ctx = createEngineContext('digest', options.segments, { maxReadUnitsPerSecond: options.maxReadUnitsPerSecond });
  let written = 0;
  const segment = async (index: number): Promise<void> => {
    let startKey;
    do {
      const page = await readPage(table, { segment: index, totalSegments: options.segments, startKey }, ctx);
      for (const item of page.items) await writer.write(item);
      written += page.items.length;
      options.onItems?.(page.items.length);
      startKey = page.lastKey;
    } while (startKey);
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: options.segments }, (_, i) =>
      segment(i).catch((error: unknown) => {
        ctx.abort(error);
        throw error;
      }),
    ),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return written;
}
