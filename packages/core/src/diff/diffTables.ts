import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import type { ItemChange } from '../itemFile/itemChange.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import type { EngineContext } from '../sync/engineContext.js';
import { readItems, readPage } from '../sync/readItems.js';
import { itemHash } from '../sync/tableDigest.js';

/** How many items of each kind a diff found. */
export interface DiffCounts {
  /** Only on the right. */
  readonly added: number;
  /** Only on the left. */
  readonly removed: number;
  /** On both sides, different. */
  readonly changed: number;
  /** On both sides, equal. */
  readonly unchanged: number;
}

/**
 * Compares two tables with the same key schema without holding either: the
 * left table's segments are scanned and each page's keys read from the right
 * (BatchGetItem, as the sync engine's delta does), which finds `removed` and
 * `changed` items; then the right table's segments are scanned and their keys
 * looked up on the left (keys only), which finds `added` ones. Every change
 * goes to `emit` one at a time, in no particular order.
 */
export async function diffTables(
  left: TableRef,
  right: TableRef,
  schema: KeySchema,
  totalSegments: number,
  emit: (change: ItemChange) => Promise<void>,
  ctx: EngineContext,
): Promise<DiffCounts> {
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const keyAttributes = [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])];
  // The file takes one line at a time: segments queue their changes behind each other.
  let queue = Promise.resolve();
  const send = (change: ItemChange) => (queue = queue.then(() => emit(change)));

  const leftPage = async (items: Item[]) => {
    const others = await readItems(
      right,
      items.map((i) => keyOf(i, schema)),
      undefined,
      ctx,
    );
    const byKey = new Map(others.map((o) => [canonicalItem(keyOf(o, schema)), o]));
    for (const item of items) {
      const key = keyOf(item, schema);
      const other = byKey.get(canonicalItem(key));
      if (!other) {
        counts.removed += 1;
        await send({ change: 'removed', key, left: item, right: null });
      } else if (itemHash(other) !== itemHash(item)) {
        counts.changed += 1;
        await send({ change: 'changed', key, left: item, right: other });
      } else counts.unchanged += 1;
    }
  };
  const rightPage = async (items: Item[]) => {
    const keys = items.map((i) => keyOf(i, schema));
    const onLeft = new Set((await readItems(left, keys, keyAttributes, ctx)).map(canonicalItem));
    for (const item of items) {
      const key = keyOf(item, schema);
      if (onLeft.has(canonicalItem(key))) continue;
      counts.added += 1;
      await send({ change: 'added', key, left: null, right: item });
    }
  };
  await Promise.all([
    ...segments(left, totalSegments, leftPage, ctx),
    ...segments(right, totalSegments, rightPage, ctx),
  ]);
  await queue;
  return counts;
}

function segments(
  table: TableRef,
  totalSegments: number,
  onPage: (items: Item[]) => Promise<void>,
  ctx: EngineContext,
): Promise<void>[] {
  return Array.from({ length: totalSegments }, async (_, segment) => {
    try {
      let startKey: Item | undefined;
      do {
        const page = await readPage(table, { segment, totalSegments, startKey }, ctx);
        if (page.items.length) await onPage(page.items);
        ctx.progress.add({ scanned: page.items.length });
        startKey = page.lastKey;
      } while (startKey);
    } catch (error) {
      ctx.abort(error);
      throw error;
    }
  });
}
