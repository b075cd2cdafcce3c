import { LambdaError, validation } from '../lambdaError.js';
import type { InvocationOutcome } from '../runtime/invocationOutcome.js';
import type { LambdaAction } from '../service.js';
import { qualifiedFunction } from './qualifiedFunction.js';

// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
const SYNC_PAYLOAD_LIMIT = 6_291_456;
const ASYNC_PAYLOAD_LIMIT = 1_048_576;
const RESPONSE_LIMIT = 6_291_556;
const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'];

/**
 * Invoke runs the function's handler in an execution environment. `RequestResponse` answers 200 with the
 * handler's result, or with Lambda's error payload and `X-Amz-Function-Error: Unhandled` when it throws,
 * times out or its process dies; `LogType: Tail` adds the last 4 KB of its log. `Event` answers 202 and runs
 * it in the background (no retries: a failure is logged). `DryRun` answers 204 once the caller is allowed.
 * Reserved concurrency throttles synchronous calls beyond it (0: every call) with 429
 * TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded; an asynchronous event
 * while it is 0 is accepted and dropped with a log line (Lambda would queue it for up to 6 hours).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export const invoke: LambdaAction = async ({ labels, headers, query, rawBody, region }, store, runtime) => {
  const fn = qualifiedFunction(store, region, labels[0] ?? '', query);
  const type = String(headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (!INVOCATION_TYPES.includes(type)) {
    throw validation('invocationType', type, `Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`);
  }
  const limit = type === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
  if (rawBody.length > limit) {
    throw new LambdaError(
      'RequestEntityTooLargeException',
      `${type === 'Event' ? 'Request' : 'Request must be smaller than'} ${limit} bytes for the InvokeFunction operation`,
      413,
    );
  }
  const payload = rawBody.length ? rawBody.toString() : '{}';
  try {
    JSON.parse(payload);
  } catch (error) {
    throw new LambdaError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${String(error)}`,
      400,
    );
  }
  if (type === 'DryRun') return { status: 204 };
  const request = {
    region,
    payload,
    invokedFunctionArn: fn.configuration.FunctionArn + (query.get('Qualifier') ? `:${query.get('Qualifier')}` : ''),
    clientContext: clientContextOf(headers['x-amz-client-context']),
  };
  const name = fn.configuration.FunctionName;
  if (type === 'Event') {
    if (fn.reservedConcurrency === 0) {
      console.warn(`[dynamo-dr sandbox] Lambda ${name}: asynchronous event dropped, reserved concurrency is 0.`);
    } else {
      runtime.invoke(fn, { ...request, waitForCapacity: true }).then(
        (outcome) => {
          if (outcome.functionError)
            console.warn(`[dynamo-dr sandbox] Lambda ${name}: asynchronous invocation failed: ${outcome.payload}`);
        },
        (error: unknown) =>
          console.warn(`[dynamo-dr sandbox] Lambda ${name}: asynchronous invocation failed: ${String(error)}`),
      );
    }
    return { status: 202 };
  }
  if (fn.reservedConcurrency === 0) throw throttled();
  const outcome = await runtime.invoke(fn, { ...request, waitForCapacity: false });
  const tooLarge = Buffer.byteLength(outcome.payload) > RESPONSE_LIMIT;
  return {
    status: 200,
    rawBody: tooLarge
      ? JSON.stringify({
          errorType: 'Function.ResponseSizeTooLarge',
          errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT} bytes).`,
        })
      : outcome.payload,
    headers: {
      'x-amz-executed-version': '$LATEST',
      ...(outcome.functionError || tooLarge ? { 'x-amz-function-error': 'Unhandled' } : {}),
      ...(headers['x-amz-log-type'] === 'Tail' ? { 'x-amz-log-result': logTail(outcome, fn.configuration) } : {}),
    },
  };
};

function throttled(): LambdaError {
  return new LambdaError('TooManyRequestsException', 'Rate Exceeded.', 429, {
    Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
  });
}

/** `X-Amz-Client-Context`: base64 JSON, handed to the handler as `context.clientContext`. */
function clientContextOf(header: string | string[] | undefined): unknown {
  if (typeof header !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString());
  } catch {
    throw new LambdaError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
      400,
    );
  }
}

/** The last 4 KB of the invocation's log, framed with START / END / REPORT lines as Lambda writes them. */
function logTail(outcome: InvocationOutcome & { requestId: string }, configuration: Record<string, unknown>): string {
  const id = outcome.requestId;
  const billed = Math.max(1, Math.ceil(outcome.durationMs));
  const log =
    `START RequestId: ${id} Version: $LATEST\n${outcome.logs}END RequestId: ${id}\n` +
    `REPORT RequestId: ${id}\tDuration: ${outcome.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${String(configuration.MemorySize ?? 128)} MB\t\n`;
  const bytes = Buffer.from(log);
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
