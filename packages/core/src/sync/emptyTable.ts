import type { TableRef } from '../aws/tableRef.js';
import type { SyncOptions, SyncResult } from './syncTypes.js';
import { verifiedRun } from './verifiedRun.js';

/**
 * Deletes every item of a table (the table itself, its settings and indexes
 * stay), then verifies by reading it back that it holds none.
 *
 * @example
 * await emptyTable({ client, tableName: 'Orders' }, { segments: 16 });
 */
export function emptyTable(table: TableRef, options: SyncOptions = {}): Promise<SyncResult> {
  return verifiedRun('empty', { destination: table }, options);
}
