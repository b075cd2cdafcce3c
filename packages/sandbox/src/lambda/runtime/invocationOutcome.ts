/** What one invocation gave: the payload Invoke returns, and whether it is Lambda's error payload. */
export interface InvocationOutcome {
  readonly payload: string;
  /** `Unhandled` when the function failed (its error, a timeout, a crash): Invoke's X-Amz-Function-Error. */
  readonly functionError?: 'Unhandled';
  /** What the function wrote to stdout and stderr while it ran. */
  readonly logs: string;
  readonly durationMs: number;
}

/** Lambda's error payload for a failure that is not the function's own exception. */
export function runtimeFailure(errorType: string, errorMessage: string): string {
  return JSON.stringify({ errorType, errorMessage });
}

/**
 * The payload of an invocation that ran past the function's Timeout, as Lambda's Node.js runtimes answer:
 * `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: … Error: Task timed out after 3.00 seconds"}`.
 */
export function timedOut(requestId: string, timeoutSeconds: number): string {
  return runtimeFailure(
    'Sandbox.Timedout',
    `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  );
}
