import type { DynamoContext } from '../service.js';
import { itemKey } from '../store/tableInstance.js';
import { journalWrite, lockName, unjournalableWrite, writableTable } from '../journaledWrite.js';

/** DeleteItem, journaled as a tombstone for the key. */
export async function deleteItem(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const table = await writableTable(ctx, request.TableName);
  const key = table && itemKey(table.key, request.Key);
  if (!table || key === undefined) return unjournalableWrite(ctx, 'DeleteItem', request);
  return ctx.store.locks.run([lockName(table, key)], async () => {
    const result = await ctx.dynalite.call('DeleteItem', request, ctx.body);
    journalWrite(ctx.store, table, key, null);
    return result;
  });
}
