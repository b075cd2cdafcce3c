import type { TableRef } from '../aws/tableRef.js';
import { runOperation } from './runOperation.js';
import type { SyncOptions } from './syncTypes.js';
import type { TableDigest } from './tableDigest.js';

/**
 * Counts a table's items and computes its content digest (order-independent
 * over the canonical form of each item), reading it in parallel segments.
 * Two tables hold the same items exactly when their digests are equal.
 *
 * @example
 * const { count, digest } = await digestTable({ client, tableName: 'Orders' });
 */
export async function digestTable(table: TableRef, options: SyncOptions = {}): Promise<TableDigest> {
  const run = await runOperation('digest', { source: table }, options);
  run.ctx.progress.finish();
  return run.digest!;
}
