import { NotReadyError } from '../errors.js';
import { sleep } from '../sync/backoff.js';

/**
 * Calls `step` until it stops throwing {@link NotReadyError}, waiting between calls with exponential
 * backoff from `firstWaitMs` up to 20 s (the steps themselves enforce their deadline). Stops waiting, with
 * the signal's reason, when `signal` is aborted.
 *
 * @example
 * const table = await untilReady(() => awaitRestoredTable(ddb, source, name, deadline), 500);
 */
export async function untilReady<T>(step: () => Promise<T>, firstWaitMs = 500, signal?: AbortSignal): Promise<T> {
  for (let wait = firstWaitMs; ; wait = Math.min(wait * 2, 20_000)) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof NotReadyError)) throw error;
      await sleep(wait, signal);
    }
  }
}
