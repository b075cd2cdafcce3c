import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { batchWrite } from '../aws/batchWrite.js';
import { keyOf, type KeySchema } from '../aws/describeTableShape.js';
import { isRetryableError, isThrottlingError } from '../aws/isRetryableError.js';
import type { TableRef } from '../aws/tableRef.js';
import { UnwritableItemsError } from '../errors.js';
import { retryDelay, sleep } from './backoff.js';
import { canonicalItem } from './canonicalItem.js';
import type { EngineContext } from './engineContext.js';
import { itemSize, writeUnits } from './itemSize.js';
import { reportedKeys } from './reportedKeys.js';

/** BatchWriteItem's limits (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
const MAX_REQUESTS = 25;
const MAX_BYTES = 16 * 1024 * 1024;

/** One caller's requests: settled once DynamoDB accepted all of them, or when one cannot be written. */
interface Caller {
  left: number;
  settled: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

interface Pending {
  readonly request: WriteRequest;
  readonly caller: Caller;
  /** The request's key in canonical form, to recognise it among the UnprocessedItems. */
  readonly key: string;
  readonly units: number;
  readonly bytes: number;
  /** Calls in a row that carried this request and had nothing accepted. */
  failures: number;
}

/**
 * One table's pending puts and deletes, from every caller (every segment's
 * pages) at once, sent in BatchWriteItem calls of up to 25 requests with at
 * most `ctx.concurrency` calls of this table in flight.
 *
 * Requests DynamoDB hands back go to the front of the queue and ride in the
 * next call, filled up with fresh requests: a batch that had 3 of 25 items
 * refused is not followed by a call of 3 items of its own, and a page's
 * last items do not trail it in ever smaller calls. How soon they go depends
 * on what the call achieved:
 * - Some of it was accepted: the table is taking writes, and the refusal says
 *   nothing about when to retry (random throttling, a hot key). They go at
 *   once; if the table is over its capacity, the write pace
 *   (`ctx.writeRate`, told of every refusal) is what slows the calls down.
 * - Nothing was accepted: after one retry at once (a lone refusal is as
 *   likely noise), that is pressure, and the requests wait a growing,
 *   jittered delay ({@link retryDelay}) before they return to the queue; after
 *   `retry.maxAttempts` such calls in a row the callers fail with
 *   {@link UnwritableItemsError} naming the keys.
 *
 * Callers never have the same key in flight at once (each key is written by
 * the one segment that scans it), so merging callers never puts one key twice
 * into a call, which DynamoDB would refuse.
 */
export class WriteQueue {
  private retries: Pending[] = [];
  private fresh: Pending[] = [];
  /** Calls taken from the queue and not dealt with yet. */
  private inFlight = 0;

  constructor(
    private readonly table: TableRef,
    private readonly schema: KeySchema,
    private readonly ctx: EngineContext,
  ) {}

  /** Resolves once DynamoDB accepted every request; rejects with the first error that ends them. */
  write(requests: readonly WriteRequest[]): Promise<void> {
    if (requests.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const caller: Caller = { left: requests.length, settled: false, resolve, reject };
      for (const request of requests) {
        const item = request.PutRequest?.Item;
        this.fresh.push({
          request,
          caller,
          key: canonicalItem(request.DeleteRequest?.Key ?? keyOf(item!, this.schema)),
          units: item ? writeUnits(item) : 1,
          bytes: item ? itemSize(item) : 0,
          failures: 0,
        });
      }
      this.startSenders();
    });
  }

  /** Starts a sender for each call the queue can fill now, up to `ctx.concurrency` calls in flight. */
  private startSenders(): void {
    while (this.inFlight < this.ctx.concurrency) {
      const batch = this.take();
      if (batch.length === 0) return;
      void this.sendUntilEmpty(batch);
    }
  }

  private async sendUntilEmpty(first: Pending[]): Promise<void> {
    for (let batch = first; batch.length > 0; batch = this.take()) {
      try {
        await this.send(batch);
      } finally {
        this.inFlight -= 1;
      }
    }
  }

  /**
   * The next call's requests, counted in flight until {@link send} is done
   * with them: handed-back ones first, then fresh ones, up to 25 requests and
   * 16 MB. Fewer than 25 wait while other calls are in flight: their answers
   * may hand back more to fill the call, and the last call to be answered
   * takes whatever is left.
   */
  private take(): Pending[] {
    if (this.retries.length + this.fresh.length < MAX_REQUESTS && this.inFlight > 0) return [];
    const batch: Pending[] = [];
    let bytes = 0;
    let full = false;
    for (const source of [this.retries, this.fresh]) {
      let count = 0;
      for (; count < source.length && batch.length < MAX_REQUESTS; count++) {
        const next = source[count]!;
        full = batch.length > 0 && bytes + next.bytes > MAX_BYTES;
        if (full) break;
        batch.push(next);
        bytes += next.bytes;
      }
      // One splice per call, not one shift per request: the queue may hold every segment's page at once.
      source.splice(0, count);
      if (full) break;
    }
    return this.taken(batch);
  }

  private taken(batch: Pending[]): Pending[] {
    if (batch.length > 0) this.inFlight += 1;
    return batch;
  }

  /** Sends one call and routes each request on: done, back into the queue, or failed. Never throws. */
  private async send(batch: Pending[]): Promise<void> {
    const rate = this.ctx.writeRate(this.table.tableName);
    const units = sumUnits(batch);
    let handedBack: WriteRequest[];
    let consumed: number | undefined;
    let lastError: unknown = 'UnprocessedItems';
    try {
      await rate.acquire(units, this.ctx.signal);
      const outcome = await this.ctx.pool(() =>
        batchWrite(
          this.table,
          batch.map((p) => p.request),
          this.ctx.signal,
        ),
      );
      consumed = outcome.consumedUnits;
      handedBack = outcome.unprocessed;
    } catch (error) {
      if (this.ctx.signal.aborted || !isRetryableError(error)) return this.fail(batch, error);
      handedBack = batch.map((p) => p.request);
      lastError = error;
    }
    const back = new Set(
      handedBack.map((r) => canonicalItem(r.DeleteRequest?.Key ?? keyOf(r.PutRequest!.Item!, this.schema))),
    );
    const refused = batch.filter((p) => back.has(p.key));
    for (const p of batch) if (!back.has(p.key)) this.accepted(p);
    const refusedUnits = sumUnits(refused);
    // The pace counts what is sent: a refused item was load offered too, and is paced again when it goes again.
    rate.settle(units, consumed === undefined ? undefined : consumed + refusedUnits);
    // A server or network error says nothing about capacity: the pace hears of throttling only.
    const throttled = lastError === 'UnprocessedItems' || isThrottlingError(lastError);
    rate.onAnswer(units - refusedUnits, throttled ? refusedUnits : 0);
    if (refused.length === 0) return;
    if (refused.length < batch.length) {
      // Progress resets the count: only calls that achieve nothing bring a request closer to failing.
      for (const p of refused) p.failures = 0;
      return this.requeue(refused);
    }
    for (const p of refused) p.failures += 1;
    const failures = Math.max(...refused.map((p) => p.failures));
    if (failures >= (this.ctx.retry.maxAttempts ?? 10)) {
      const keys = reportedKeys(
        refused.map((p) => p.request),
        this.schema,
        this.ctx.sensitive,
      );
      return this.fail(refused, new UnwritableItemsError(this.table.tableName, keys, lastError));
    }
    const delay = retryDelay(failures, this.ctx.retry);
    if (delay === 0) return this.requeue(refused);
    // The requests wait on their own; this sender goes on with the rest of the queue.
    void sleep(delay, this.ctx.signal).then(
      () => this.requeue(refused),
      (error: unknown) => this.fail(refused, error),
    );
  }

  private accepted(p: Pending): void {
    p.caller.left -= 1;
    if (p.caller.left === 0 && !p.caller.settled) {
      p.caller.settled = true;
      p.caller.resolve();
    }
  }

  private requeue(refused: Pending[]): void {
    this.retries.push(...refused.filter((p) => !p.caller.settled));
    this.startSenders();
  }

  /** Rejects every caller with a request among `pending`, and drops their other queued requests. */
  private fail(pending: Pending[], error: unknown): void {
    for (const { caller } of pending) {
      if (caller.settled) continue;
      caller.settled = true;
      caller.reject(error);
    }
    this.retries = this.retries.filter((p) => !p.caller.settled);
    this.fresh = this.fresh.filter((p) => !p.caller.settled);
  }
}

function sumUnits(pending: readonly Pending[]): number {
  return pending.reduce((sum, p) => sum + p.units, 0);
}
