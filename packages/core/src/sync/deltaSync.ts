import type { TableRef } from '../aws/tableRef.js';
import type { SyncOptions, SyncResult } from './syncTypes.js';
import { verifiedRun } from './verifiedRun.js';

/**
 * Makes `destination` hold exactly what `source` holds with the fewest
 * writes, and without ever emptying it: each segment of both tables is
 * scanned side by side and matched by key; only missing or different items
 * are put and only items the source lacks are deleted (keys that find no
 * match in the other scan are checked with BatchGetItem). Ends with the same
 * verification as {@link copyTable}.
 *
 * @example
 * const result = await deltaSync(restored, live, { checkpoints, runId: 'incident-42' });
 * console.log(result.counts); // { scanned, written, deleted, unchanged }
 */
export function deltaSync(source: TableRef, destination: TableRef, options: SyncOptions = {}): Promise<SyncResult> {
  return verifiedRun('delta', { source, destination }, options);
}
