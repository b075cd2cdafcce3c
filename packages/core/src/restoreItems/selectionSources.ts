import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { ScanFilter } from '../aws/scanPage.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import type { EngineContext } from '../sync/engineContext.js';
import { readItems, readPage } from '../sync/readItems.js';
import type { WantedItem } from './reconcileItems.js';

/** A table scanned with the selection's filter, one parallel-scan segment per source. */
export interface SelectionScan {
  readonly filter: ScanFilter;
  readonly schema: KeySchema;
  readonly totalSegments: number;
}

/**
 * The selection as the restored table holds it (its version at the time):
 * one source per scan segment, pages of the items matching the filter.
 */
export function restoredSelection(
  restored: TableRef,
  scan: SelectionScan,
  ctx: EngineContext,
): AsyncIterable<WantedItem[]>[] {
  return segments(scan, (segment) =>
    pages(restored, scan, segment, undefined, ctx, async (items) =>
      items.map((item) => ({ key: keyOf(item, scan.schema), item })),
    ),
  );
}

/**
 * Live items matching the filter whose key did not exist at the time (absent
 * from the restored table): `--delete-missing` deletes them. A live item that
 * existed at the time but matched the filter only later is not among them.
 */
export function missingAtTime(
  live: TableRef,
  restored: TableRef,
  scan: SelectionScan,
  ctx: EngineContext,
): AsyncIterable<WantedItem[]>[] {
  const keyAttributes = [scan.schema.partitionKey, ...(scan.schema.sortKey ? [scan.schema.sortKey] : [])];
  return segments(scan, (segment) =>
    pages(live, scan, segment, keyAttributes, ctx, async (keys) => {
      const atTime = await readItems(restored, keys, keyAttributes, ctx);
      const existed = new Set(atTime.map(canonicalItem));
      return keys.filter((k) => !existed.has(canonicalItem(k))).map((key) => ({ key, item: null }));
    }),
  );
}

function segments<T>(scan: SelectionScan, source: (segment: number) => AsyncIterable<T>): AsyncIterable<T>[] {
  return Array.from({ length: scan.totalSegments }, (_, segment) => source(segment));
}

async function* pages(
  table: TableRef,
  scan: SelectionScan,
  segment: number,
  attributes: readonly string[] | undefined,
  ctx: EngineContext,
  toWanted: (items: Item[]) => Promise<WantedItem[]>,
): AsyncIterable<WantedItem[]> {
  let startKey: Item | undefined;
  do {
    const page = await readPage(
      table,
      { segment, totalSegments: scan.totalSegments, startKey, attributes, filter: scan.filter },
      ctx,
    );
    if (page.items.length) yield await toWanted(page.items);
    startKey = page.lastKey;
  } while (startKey);
}
