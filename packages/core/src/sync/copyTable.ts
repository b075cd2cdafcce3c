import type { TableRef } from '../aws/tableRef.js';
import type { SyncOptions, SyncResult } from './syncTypes.js';
import { verifiedRun } from './verifiedRun.js';

/**
 * Copies every item of `source` into the empty table `destination` (same key
 * schema), in parallel scan segments with concurrent BatchWriteItem calls,
 * then verifies that the destination's count and digest equal the source's.
 *
 * Refuses a destination that already holds items (unless resuming the same
 * run id): use {@link deltaSync} for that. Throws `UnwritableItemsError` with
 * the keys when an item cannot be written after every retry, and
 * `VerificationError` when the tables differ at the end.
 *
 * @example
 * const checkpoints = new FileCheckpointStore('.dynamo-dr/checkpoints');
 * const result = await copyTable(
 *   { client, tableName: 'Orders-restored' },
 *   { client, tableName: 'Orders' },
 *   { checkpoints, runId: 'incident-42', onProgress: (p) => console.error(p.written) },
 * );
 * console.log(result.destination); // { count, digest }
 */
export function copyTable(source: TableRef, destination: TableRef, options: SyncOptions = {}): Promise<SyncResult> {
  return verifiedRun('copy', { source, destination }, options);
}
