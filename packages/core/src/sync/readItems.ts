import { batchGet } from '../aws/batchGet.js';
import { isRetryableError, isThrottlingError } from '../aws/isRetryableError.js';
import { scanPage, type ScanPage, type ScanPageRequest } from '../aws/scanPage.js';
import type { Item, TableRef } from '../aws/tableRef.js';
import { DrError } from '../errors.js';
import { retryDelay, sleep } from './backoff.js';
import type { EngineContext } from './engineContext.js';
import { reportedKey } from './reportedKeys.js';

/** BatchGetItem reads at most 100 keys per call. */
const MAX_KEYS = 100;

/** One scan page (of `ctx.pageSize` items unless `limit` says), paced by the table's read rate and retried on throttling. */
export async function readPage(
  table: TableRef,
  request: Omit<ScanPageRequest, 'signal'>,
  ctx: EngineContext,
): Promise<ScanPage> {
  const rate = ctx.readRate(table.tableName);
  const maxAttempts = ctx.retry.maxAttempts ?? 10;
  for (let failures = 0; ;) {
    // A page's cost is known only afterwards: take a nominal unit now, settle the real cost below.
    await rate.acquire(1, ctx.signal);
    try {
      const page = await scanPage(table, { ...request, limit: request.limit ?? ctx.pageSize, signal: ctx.signal });
      rate.settle(1, page.consumedUnits);
      rate.onAnswer(page.consumedUnits ?? 1, 0);
      return page;
    } catch (error) {
      if (ctx.signal.aborted || !isRetryableError(error)) throw error;
      rate.settle(1, 0);
      if (isThrottlingError(error)) rate.onAnswer(0, 1);
      failures += 1;
      if (failures >= maxAttempts) {
        throw new DrError(`Scanning ${table.tableName} segment ${request.segment} kept failing: ${String(error)}`, {
          hint: 'Run the same command again with the same --incident to resume; if the table is throttled, cap the run with --max-read-units or give the table more capacity.',
          cause: error,
        });
      }
      await sleep(retryDelay(failures, ctx.retry), ctx.signal);
    }
  }
}

/**
 * Reads the items with the given keys (only `attributes` when given), in
 * concurrent BatchGetItem calls. Keys that do not exist are simply absent
 * from the result.
 */
export async function readItems(
  table: TableRef,
  keys: Item[],
  attributes: readonly string[] | undefined,
  ctx: EngineContext,
): Promise<Item[]> {
  const batches: Item[][] = [];
  for (let i = 0; i < keys.length; i += MAX_KEYS) batches.push(keys.slice(i, i + MAX_KEYS));
  const results = await Promise.all(batches.map((batch) => readBatch(table, batch, attributes, ctx)));
  return results.flat();
}

async function readBatch(
  table: TableRef,
  keys: Item[],
  attributes: readonly string[] | undefined,
  ctx: EngineContext,
): Promise<Item[]> {
  const rate = ctx.readRate(table.tableName);
  const maxAttempts = ctx.retry.maxAttempts ?? 10;
  const found: Item[] = [];
  let pending = keys;
  for (let failures = 0; ;) {
    // Eventually consistent reads cost half a unit per 4 KB item.
    const estimate = pending.length / 2;
    await rate.acquire(estimate, ctx.signal);
    let unprocessed = pending;
    let lastError: unknown = 'UnprocessedKeys';
    let accepted = 0;
    try {
      const outcome = await ctx.pool(() => batchGet(table, pending, { attributes, signal: ctx.signal }));
      rate.settle(estimate, outcome.consumedUnits);
      found.push(...outcome.items);
      unprocessed = outcome.unprocessedKeys;
      accepted = outcome.consumedUnits ?? estimate;
      if (unprocessed.length < pending.length) failures = 0;
    } catch (error) {
      if (ctx.signal.aborted || !isRetryableError(error)) throw error;
      rate.settle(estimate, 0);
      lastError = error;
    }
    const throttled = lastError === 'UnprocessedKeys' || isThrottlingError(lastError);
    rate.onAnswer(accepted, throttled ? unprocessed.length / 2 : 0);
    if (unprocessed.length === 0) return found;
    failures += 1;
    if (failures >= maxAttempts) {
      const shown = unprocessed.slice(0, 5).map((k) => JSON.stringify(reportedKey(k, ctx.sensitive)));
      throw new DrError(
        `${unprocessed.length} key(s) could not be read from ${table.tableName} after all retries: ${shown.join(', ')}.`,
        {
          hint: 'Run the same command again with the same --incident to resume; if the table is throttled, cap the run with --max-read-units or give the table more capacity.',
          cause: lastError,
        },
      );
    }
    pending = unprocessed;
    await sleep(retryDelay(failures, ctx.retry), ctx.signal);
  }
}
