import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { projectionOf } from './scanPage.js';
import type { Item, TableRef } from './tableRef.js';

export interface BatchGetOutcome {
  readonly items: Item[];
  /** Keys DynamoDB did not read (partial success); they must be asked for again. */
  readonly unprocessedKeys: Item[];
  readonly consumedUnits?: number;
}

/**
 * One BatchGetItem call (at most 100 keys, 16 MB returned); unread keys come
 * back as UnprocessedKeys
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
 */
export async function batchGet(
  table: TableRef,
  keys: Item[],
  options: { readonly attributes?: readonly string[]; readonly signal?: AbortSignal } = {},
): Promise<BatchGetOutcome> {
  const out = await table.client.send(
    new BatchGetItemCommand({
      RequestItems: {
        [table.tableName]: { Keys: keys, ...(options.attributes && projectionOf(options.attributes)) },
      },
      ReturnConsumedCapacity: 'TOTAL',
    }),
    { abortSignal: options.signal },
  );
  return {
    items: out.Responses?.[table.tableName] ?? [],
    unprocessedKeys: out.UnprocessedKeys?.[table.tableName]?.Keys ?? [],
    consumedUnits: out.ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0),
  };
}
