import type { TableRef } from '../aws/tableRef.js';
import { digestTable } from './digestTable.js';
import type { SyncOptions, TableComparison } from './syncTypes.js';

/**
 * Compares two tables by content: `equal` when they hold the same items
 * (numbers compared as DynamoDB numbers, sets as sets).
 *
 * @example
 * const { equal, a, b } = await compareTables(live, restored);
 */
export async function compareTables(a: TableRef, b: TableRef, options: SyncOptions = {}): Promise<TableComparison> {
  // Two digests of one comparison would share a run id: reading is cheap, so they do not checkpoint.
  const readOnly = { ...options, checkpoints: undefined, runId: undefined };
  const [da, db] = await Promise.all([digestTable(a, readOnly), digestTable(b, readOnly)]);
  return { equal: da.count === db.count && da.digest === db.digest, a: da, b: db };
}
