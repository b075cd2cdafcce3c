import type { DynamoStore } from './store/dynamoStore.js';
import { tableNotActive } from './dynamoErrors.js';

/** Item reads that dynalite serves as-is, except on a table the sandbox is still restoring. */
const ITEM_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/**
 * Refuses an item read on a table still being restored (CREATING), as AWS
 * does. Costs nothing (no parsing) while no restore is in progress.
 */
export function assertReadable(store: DynamoStore, operation: string, body: Buffer): void {
  if (!ITEM_READS.has(operation) || store.restoresInProgress() === 0) return;
  let request: { TableName?: unknown; RequestItems?: unknown };
  try {
    request = JSON.parse(body.toString()) as typeof request;
  } catch {
    return; // dynalite answers malformed JSON with AWS's SerializationException
  }
  const names =
    operation === 'BatchGetItem' && request.RequestItems && typeof request.RequestItems === 'object'
      ? Object.keys(request.RequestItems)
      : [request.TableName];
  for (const name of names) {
    const table = typeof name === 'string' ? store.table(name) : undefined;
    if (table && store.isCreating(table)) throw tableNotActive();
  }
}
