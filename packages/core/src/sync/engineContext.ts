import { setMaxListeners } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import type { RetryPolicy } from './backoff.js';
import { ProgressTracker } from './progressTracker.js';
import { RateController } from './rateController.js';
import type { SyncOperation, SyncOptions } from './syncTypes.js';
import { WriteQueue } from './writeQueue.js';

/** What all segments of one run share in a process: the request pool, per-table pacing, progress, cancellation. */
export interface EngineContext {
  /** Bounds requests in flight (writes and batch reads) across all segments. */
  readonly pool: LimitFunction;
  /** The pool's size: requests in flight at once. */
  readonly concurrency: number;
  readonly progress: ProgressTracker;
  readonly retry: RetryPolicy;
  readonly sensitive: boolean;
  readonly pageSize: number;
  /** Aborted by the caller's signal, or by the first failure so that other segments stop too. */
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
  writeRate(tableName: string): RateController;
  readRate(tableName: string): RateController;
  /** The queue every segment's writes to a table go through, so that they share calls (see {@link WriteQueue}). */
  writeQueue(table: TableRef, schema: KeySchema): WriteQueue;
}

export const DEFAULT_SEGMENTS = 8;
export const DEFAULT_CONCURRENCY = 16;

export function createEngineContext(
  operation: SyncOperation,
  totalSegments: number,
  options: SyncOptions,
): EngineContext {
  const controller = new AbortController();
  // Every request in flight listens to the signal; hundreds at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const outer = options.signal;
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  }
  const writeRates = new Map<string, RateController>();
  const readRates = new Map<string, RateController>();
  const rate = (map: Map<string, RateController>, name: string, cap: number | undefined, adaptive: boolean) => {
    let found = map.get(name);
    if (!found) map.set(name, (found = new RateController(cap, adaptive)));
    return found;
  };
  const writeQueues = new Map<string, WriteQueue>();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const ctx: EngineContext = {
    pool: pLimit(concurrency),
    concurrency,
    progress: new ProgressTracker(operation, totalSegments, options.onProgress),
    retry: options.retry ?? {},
    sensitive: options.sensitive ?? false,
    pageSize: options.pageSize ?? 1000,
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    writeRate: (name) => rate(writeRates, name, options.maxWriteUnitsPerSecond, true),
    // Reads are paced by their cap and backoff only: their demand follows the writes (a copy reads as fast
    // as it writes), so the read rate DynamoDB accepted says nothing about the read capacity, and pacing to
    // it would throttle the engine itself.
    readRate: (name) => rate(readRates, name, options.maxReadUnitsPerSecond, false),
    writeQueue: (table, schema) => {
      let found = writeQueues.get(table.tableName);
      if (!found) writeQueues.set(table.tableName, (found = new WriteQueue(table, schema, ctx)));
      return found;
    },
  };
  return ctx;
}
