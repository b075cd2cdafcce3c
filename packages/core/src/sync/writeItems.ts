import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import type { EngineContext } from './engineContext.js';

/**
 * Applies every put and delete, in BatchWriteItem calls shared with the
 * run's other writes to the same table (see `WriteQueue`). Resolves only
 * when DynamoDB accepted all of them; throws `UnwritableItemsError` naming
 * the keys when retries run out.
 */
export function writeItems(
  table: TableRef,
  requests: WriteRequest[],
  schema: KeySchema,
  ctx: EngineContext,
): Promise<void> {
  return ctx.writeQueue(table, schema).write(requests);
}
