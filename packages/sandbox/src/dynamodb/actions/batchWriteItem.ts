import type { DynamoContext } from '../service.js';
import { itemKey, type TableInstance } from '../store/tableInstance.js';
import { journalWrite, lockName, unjournalableWrite, writableTable } from '../journaledWrite.js';

interface Write {
  readonly table: TableInstance;
  readonly key: string;
  readonly item: string | null;
}

type WriteRequest = { PutRequest?: { Item?: unknown }; DeleteRequest?: { Key?: unknown } };

/**
 * BatchWriteItem, journaled per request; requests that come back in
 * UnprocessedItems were not applied and are not journaled.
 */
export async function batchWriteItem(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const writes = await plannedWrites(request.RequestItems, ctx);
  if (!writes) return unjournalableWrite(ctx, 'BatchWriteItem', request);
  const locks = writes.map((w) => lockName(w.table, w.key));
  return ctx.store.locks.run(locks, async () => {
    const result = await ctx.dynalite.call<{ UnprocessedItems?: Record<string, unknown> }>(
      'BatchWriteItem',
      request,
      ctx.body,
    );
    const unprocessed = new Set<string>();
    for (const [name, requests] of Object.entries(result.UnprocessedItems ?? {})) {
      const table = ctx.store.table(name);
      for (const r of requests as WriteRequest[]) {
        const key = table && itemKey(table.key, r.PutRequest?.Item ?? r.DeleteRequest?.Key);
        if (table && key !== undefined) unprocessed.add(lockName(table, key));
      }
    }
    for (const w of writes)
      if (!unprocessed.has(lockName(w.table, w.key))) journalWrite(ctx.store, w.table, w.key, w.item);
    return result;
  });
}

/** The writes a batch asks for, or undefined if any table or key cannot be read (dynalite then refuses the batch). */
async function plannedWrites(requestItems: unknown, ctx: DynamoContext): Promise<Write[] | undefined> {
  if (!requestItems || typeof requestItems !== 'object') return undefined;
  const writes: Write[] = [];
  for (const [name, requests] of Object.entries(requestItems)) {
    const table = await writableTable(ctx, name);
    if (!table || !Array.isArray(requests)) return undefined;
    for (const r of requests as WriteRequest[]) {
      const put = r?.PutRequest?.Item;
      const key = itemKey(table.key, put ?? r?.DeleteRequest?.Key);
      if (key === undefined) return undefined;
      writes.push({ table, key, item: put ? JSON.stringify(put) : null });
    }
  }
  return writes;
}
