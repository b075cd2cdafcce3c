import { AwsEnvironmentError } from '../errors.js';

/**
 * AWS error names that mean "too fast, try again later" for DynamoDB
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes).
 */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

/** Errors that are retried as-is: throttling, plus server-side and network failures AWS documents as retryable. */
export function isRetryableError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  // A network failure the client converted (awsErrors.ts) is judged by the failure itself.
  if (error instanceof AwsEnvironmentError) return isRetryableError(error.cause);
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; code?: string };
  if (isThrottlingError(error)) return true;
  if (e.$retryable) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e.code ?? '') || e.name === 'TimeoutError';
}

/** Whether an error is DynamoDB telling the caller to slow down. */
export function isThrottlingError(error: unknown): boolean {
  return !!error && typeof error === 'object' && THROTTLING.has((error as { name?: string }).name ?? '');
}
