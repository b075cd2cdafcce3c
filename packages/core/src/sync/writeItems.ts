import type { WriteRequest } from '@aws-sdk/client-dynamodb';
import { batchWrite } from '../aws/batchWrite.js';
import { isRetryableError, isThrottlingError } from '../aws/isRetryableError.js';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { UnwritableItemsError } from '../errors.js';
import { backoffDelay, sleep } from './backoff.js';
import type { EngineContext } from './engineContext.js';
import { itemSize, writeUnits } from './itemSize.js';
import { reportedKeys } from './reportedKeys.js';

/** BatchWriteItem's limits (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html). */
const MAX_REQUESTS = 25;
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Applies every put and delete, in concurrent BatchWriteItem calls through
 * the shared pool. Resolves only when DynamoDB accepted all of them; throws
 * {@link UnwritableItemsError} naming the keys when retries run out.
 */
export async function writeItems(
  table: TableRef,
  requests: WriteRequest[],
  schema: KeySchema,
  ctx: EngineContext,
): Promise<void> {
  await Promise.all(chunk(requests).map((batch) => writeBatch(table, batch, schema, ctx)));
}

function chunk(requests: WriteRequest[]): WriteRequest[][] {
  const batches: WriteRequest[][] = [];
  let current: WriteRequest[] = [];
  let bytes = 0;
  for (const request of requests) {
    const size = request.PutRequest ? itemSize(request.PutRequest.Item!) : 0;
    if (current.length === MAX_REQUESTS || (current.length > 0 && bytes + size > MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(request);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

async function writeBatch(
  table: TableRef,
  batch: WriteRequest[],
  schema: KeySchema,
  ctx: EngineContext,
): Promise<void> {
  const rate = ctx.writeRate(table.tableName);
  const maxAttempts = ctx.retry.maxAttempts ?? 10;
  let pending = batch;
  let failures = 0;
  for (;;) {
    const units = pending.reduce((sum, r) => sum + unitsOf(r), 0);
    await rate.acquire(units, ctx.signal);
    let unprocessed: WriteRequest[];
    let lastError: unknown = 'UnprocessedItems';
    try {
      const outcome = await ctx.pool(() => batchWrite(table, pending, ctx.signal));
      rate.settle(units, outcome.consumedUnits);
      unprocessed = outcome.unprocessed;
    } catch (error) {
      if (ctx.signal.aborted || !isRetryableError(error)) throw error;
      rate.settle(units, 0);
      if (isThrottlingError(error)) rate.onThrottled();
      unprocessed = pending;
      lastError = error;
    }
    const accepted = pending.length - unprocessed.length;
    if (accepted > 0) {
      rate.onAccepted(units - unprocessed.reduce((sum, r) => sum + unitsOf(r), 0));
      // Progress resets the count: only attempts that achieve nothing bring the run closer to failing.
      failures = 0;
    }
    if (unprocessed.length === 0) return;
    if (lastError === 'UnprocessedItems') rate.onThrottled();
    failures += 1;
    if (failures >= maxAttempts) {
      throw new UnwritableItemsError(table.tableName, reportedKeys(unprocessed, schema, ctx.sensitive), lastError);
    }
    pending = unprocessed;
    await sleep(backoffDelay(failures, ctx.retry), ctx.signal);
  }
}

function unitsOf(request: WriteRequest): number {
  return request.PutRequest ? writeUnits(request.PutRequest.Item!) : 1;
}
