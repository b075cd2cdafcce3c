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
 * current items, measured again only after writes, and then only the items written.
 */
export function tableSizes(journal: WriteJournal, table: Description): TableSizes {
  const indexes = [
    ...((table.LocalSecondaryIndexes as IndexShape[] | undefined) ?? []),
    ...((table.GlobalSecondaryIndexes as IndexShape[] | undefined) ?? []),
  ];
  const shape = JSON.stringify([table.KeySchema, indexes.map((i) => [i.IndexName, i.KeySchema, i.Projection])]);
  const cached = cache.get(journal);
  if (cached && cached.length === journal.length && cached.shape === shape) return cached.sizes;
  // Items unchanged since the last measure keep their sizes: only the items written since are parsed again.
  const previous = cached?.shape === shape ? cached.items : new Map<string, MeasuredItem>();
  const items = new Map<string, MeasuredItem>();
  const tableKey = (table.KeySchema as { AttributeName: string }[]).map((k) => k.AttributeName);
  let tableSizeBytes = 0;
  const indexBytes = indexes.map(() => 0);
  const indexItems = indexes.map(() => 0);
  for (const [key, json] of journal.current) {
    const known = previous.get(key);
    const measured = known?.json === json ? known : measure(json, tableKey, indexes);
    items.set(key, measured);
    tableSizeBytes += measured.bytes;
    measured.indexBytes.forEach((bytes, i) => {
      if (bytes === undefined) return;
      indexBytes[i] = (indexBytes[i] as number) + bytes;
      indexItems[i] = (indexItems[i] as number) + 1;
    });
  }
  const sizes: TableSizes = {
    itemCount: journal.itemCount,
    tableSizeBytes,
    indexes: new Map(
      indexes.map((index, i) => [
        index.IndexName,
        { indexSizeBytes: indexBytes[i] as number, itemCount: indexItems[i] as number },
      ]),
    ),
  };
  cache.set(journal, { length: journal.length, shape, items, sizes });
  return sizes;
}

/** One item's size and its entry's size in each index (undefined where the item lacks the index's key). */
interface MeasuredItem {
  readonly json: string;
  readonly bytes: number;
  readonly indexBytes: readonly (number | undefined)[];
}

const cache = new WeakMap<
  WriteJournal,
  { length: number; shape: string; items: Map<string, MeasuredItem>; sizes: TableSizes }
>();

function measure(json: string, tableKey: readonly string[], indexes: readonly IndexShape[]): MeasuredItem {
  const item = JSON.parse(json) as Record<string, unknown>;
  const bytes = itemSize(item);
  return {
    json,
    bytes,
    indexBytes: indexes.map((index) => {
      const indexKey = index.KeySchema.map((k) => k.AttributeName);
      if (indexKey.some((name) => item[name] === undefined)) return undefined;
      // ALL projects every attribute, keys included: the entry is the item.
      if (index.Projection?.ProjectionType === 'ALL') return bytes;
      return itemSize(pick(item, [...tableKey, ...indexKey, ...projected(index)]));
    }),
  };
}

/** The non-key attributes an INCLUDE index projects (none for KEYS_ONLY). */
function projected(index: IndexShape): readonly string[] {
  return index.Projection?.ProjectionType === 'INCLUDE' ? (index.Projection.NonKeyAttributes ?? []) : [];
}

function pick(item: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries([...new Set(names)].filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}
