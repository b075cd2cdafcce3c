import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { TableRef } from './tableRef.js';

export interface BatchWriteOutcome {
  /** Requests DynamoDB did not apply (partial success); they must be sent again. */
  readonly unprocessed: WriteRequest[];
  readonly consumedUnits?: number;
}

/**
 * One BatchWriteItem call (at most 25 requests and 16 MB). Partial success is
 * normal and comes back as UnprocessedItems
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 */
export async function batchWrite(
  table: TableRef,
  requests: WriteRequest[],
  signal?: AbortSignal,
): Promise<BatchWriteOutcome> {
  const out = await table.client.send(
    new BatchWriteItemCommand({
      RequestItems: { [table.tableName]: requests },
      ReturnConsumedCapacity: 'TOTAL',
    }),
    { abortSignal: signal },
  );
  return {
    unprocessed: out.UnprocessedItems?.[table.tableName] ?? [],
    consumedUnits: out.ConsumedCapacity?.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0),
  };
}
