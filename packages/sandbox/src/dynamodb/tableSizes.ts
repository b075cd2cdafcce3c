import { itemSize } from './itemSize.js';
import type { WriteJournal } from './store/writeJournal.js';

type Description = Record<string, unknown>;

interface IndexShape {
  readonly IndexName: string;
  readonly KeySchema: readonly { AttributeName: string }[];
  readonly Projection?: { ProjectionType?: string; NonKeyAttributes?: readonly string[] };
}

/** A table's size and item count as DescribeTable reports them, and each secondary index's. */
export interface TableSizes {
  readonly itemCount: number;
  readonly tableSizeBytes: number;
  readonly indexes: ReadonlyMap<string, { readonly indexSizeBytes: number; readonly itemCount: number }>;
}

/**
 * Sizes by AWS's rules: an item is the sum of its attribute names' and
 * values' sizes (see itemSize.ts), without the 100 bytes per item that only
 * storage billing adds ("not used ... by the DescribeTable operation",
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html).
 * An index holds the items that have all its key attributes; an index entry
 * is the table's key, the index's key and the projected attributes
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.StorageConsiderations,
 * and the same for GSIs), likewise without the overhead.
 *
 * AWS refreshes these about every six hours; the sandbox reports the journal's
 * current items, recomputed only after writes (cached per journal length).
 */
export function tableSizes(journal: WriteJournal, table: Description): TableSizes {
  const indexes = [
    ...((table.LocalSecondaryIndexes as IndexShape[] | undefined) ?? []),
    ...((table.GlobalSecondaryIndexes as IndexShape[] | undefined) ?? []),
  ];
  const shape = JSON.stringify([table.KeySchema, indexes.map((i) => [i.IndexName, i.KeySchema, i.Projection])]);
  const cached = cache.get(journal);
  if (cached && cached.length === journal.length && cached.shape === shape) return cached.sizes;
  const tableKey = (table.KeySchema as { AttributeName: string }[]).map((k) => k.AttributeName);
  const measured = new Map(indexes.map((i) => [i.IndexName, { indexSizeBytes: 0, itemCount: 0 }]));
  let tableSizeBytes = 0;
  for (const json of journal.current.values()) {
    const item = JSON.parse(json) as Record<string, unknown>;
    tableSizeBytes += itemSize(item);
    for (const index of indexes) {
      const indexKey = index.KeySchema.map((k) => k.AttributeName);
      if (indexKey.some((name) => item[name] === undefined)) continue;
      const entry = measured.get(index.IndexName) as { indexSizeBytes: number; itemCount: number };
      entry.indexSizeBytes += itemSize(pick(item, [...tableKey, ...indexKey, ...projected(index, item)]));
      entry.itemCount += 1;
    }
  }
  const sizes = { itemCount: journal.itemCount, tableSizeBytes, indexes: measured };
  cache.set(journal, { length: journal.length, shape, sizes });
  return sizes;
}

const cache = new WeakMap<WriteJournal, { length: number; shape: string; sizes: TableSizes }>();

function projected(index: IndexShape, item: Record<string, unknown>): readonly string[] {
  const projection = index.Projection;
  if (projection?.ProjectionType === 'ALL') return Object.keys(item);
  if (projection?.ProjectionType === 'INCLUDE') return projection.NonKeyAttributes ?? [];
  return [];
}

function pick(item: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries([...new Set(names)].filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}
