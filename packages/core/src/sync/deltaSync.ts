import type { TableRef } from '../aws/tableRef.js';
import type { SyncOptions, SyncResult } from './syncTypes.js';
import { verifiedRun } from './verifiedRun.js';

/**
 * Makes `destination` hold exactly what `source` holds with the fewest
 * writes, and without ever emptying it: per source segment, reads the page's
 * keys from the destination (BatchGetItem) and puts only missing or different
 * items; per destination segment, reads its keys from the source and deletes
 * those the source lacks. Ends with the same verification as {@link copyTable}.
 *
 * @example
 * const result = await deltaSync(restored, live, { checkpoints, runId: 'incident-42' });
 * console.log(result.counts); // { scanned, written, deleted, unchanged }
 */
export function deltaSync(source: TableRef, destination: TableRef, options: SyncOptions = {}): Promise<SyncResult> {
  return verifiedRun('delta', { source, destination }, options);
}
