import type { DynamoContext } from '../service.js';
import { itemKey } from '../store/tableInstance.js';
import { journalWrite, lockName, unjournalableWrite, writableTable } from '../journaledWrite.js';

/** PutItem, journaled: the after-image is the item itself. A failed condition throws before anything is journaled. */
export async function putItem(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const table = await writableTable(ctx, request.TableName);
  const key = table && itemKey(table.key, request.Item);
  if (!table || key === undefined) return unjournalableWrite(ctx, 'PutItem', request);
  return ctx.store.locks.run([lockName(table, key)], async () => {
    const result = await ctx.dynalite.call('PutItem', request, ctx.body);
    journalWrite(ctx.store, table, key, JSON.stringify(request.Item));
    return result;
  });
}
