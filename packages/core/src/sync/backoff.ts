/** How failed requests are retried. */
export interface RetryPolicy {
  /** Consecutive attempts without progress before giving up. @default 10 */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms; doubles per attempt. @default 50 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms. @default 5000 */
  readonly maxDelayMs?: number;
}

/**
 * "Full jitter" exponential backoff: a uniformly random delay below a ceiling
 * that doubles per attempt. AWS measured it to finish contended work
 * soonest with the fewest calls
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  const ceiling = Math.min(policy.maxDelayMs ?? 5000, (policy.baseDelayMs ?? 50) * 2 ** attempt);
  return Math.random() * ceiling;
}

/**
 * How long to wait before the next attempt after `failures` refusals in a
 * row. The first refusal after a success is retried at once: one refusal
 * alone is as likely noise (a random fault, a hot key, a request that met
 * the end of a burst) as pressure, and waiting on noise only slows the work
 * down. Refusals in a row are pressure, and back off from the first ceiling
 * ({@link backoffDelay} of one attempt fewer).
 */
export function retryDelay(failures: number, policy: RetryPolicy = {}): number {
  return failures <= 1 ? 0 : backoffDelay(failures - 1, policy);
}

/** Waits `ms`, or rejects with the signal's reason when it is aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
