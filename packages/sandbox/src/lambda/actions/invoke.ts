import { LambdaError } from '../lambdaError.js';
import type { LambdaAction } from '../service.js';

/**
 * Invoke. The sandbox runs no code: a synchronous call answers 200 with a
 * `null` payload, an `Event` call 202, a `DryRun` 204. While reserved
 * concurrency is 0 a synchronous call is throttled — 429
 * TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded;
 * asynchronous events are still accepted (Lambda queues and retries them).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 */
export const invoke: LambdaAction = ({ labels, headers, region }, store) => {
  const fn = store.findFunction(region, labels[0] ?? '');
  const type = String(headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'DryRun') return { status: 204 };
  if (type === 'Event') return { status: 202 };
  if (fn.reservedConcurrency === 0) {
    throw new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, {
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  }
  return { status: 200, body: null, headers: { 'x-amz-executed-version': '$LATEST' } };
};
