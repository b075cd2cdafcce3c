import type { DynamoContext } from '../service.js';
import { itemKey } from '../store/tableInstance.js';
import { journalWrite, lockName, unjournalableWrite, writableTable } from '../journaledWrite.js';

type UpdateResult = { Attributes?: Record<string, unknown> } & Record<string, unknown>;

/**
 * UpdateItem, journaled with its after-image. When the client asks for NONE
 * or ALL_NEW, the sandbox asks dynalite for ALL_NEW and answers with what the
 * client asked for; for the other ReturnValues it reads the item back while
 * it still holds the key's lock (no other write can come between).
 */
export async function updateItem(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const table = await writableTable(ctx, request.TableName);
  const key = table && itemKey(table.key, request.Key);
  if (!table || key === undefined) return unjournalableWrite(ctx, 'UpdateItem', request);
  const wanted = request.ReturnValues ?? 'NONE';
  return ctx.store.locks.run([lockName(table, key)], async () => {
    if (wanted === 'NONE' || wanted === 'ALL_NEW') {
      const result = await ctx.dynalite.call<UpdateResult>('UpdateItem', { ...request, ReturnValues: 'ALL_NEW' });
      journalWrite(ctx.store, table, key, JSON.stringify(result.Attributes));
      if (wanted === 'NONE') delete result.Attributes;
      return result;
    }
    const result = await ctx.dynalite.call<UpdateResult>('UpdateItem', request, ctx.body);
    const after = await ctx.dynalite.call<{ Item?: unknown }>('GetItem', {
      TableName: table.name,
      Key: request.Key,
      ConsistentRead: true,
    });
    journalWrite(ctx.store, table, key, after.Item ? JSON.stringify(after.Item) : null);
    return result;
  });
}
