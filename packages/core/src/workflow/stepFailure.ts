import { revivedError } from '../errors.js';
import type { StepFailure } from './steps.js';

/** An error as a Catch hands it on: its class name and its message. */
export function stepFailureOf(error: unknown): StepFailure {
  return error instanceof Error
    ? { Error: error.name, Cause: error.message }
    : { Error: 'Error', Cause: String(error) };
}

/**
 * The error a failed step threw, from what crossed the ASL boundary: a Catch's `{ Error, Cause }`. The
 * cause is unwrapped where AWS wraps it: a Lambda function's failure (`{"errorType", "errorMessage"}`,
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html) and a child execution's
 * (`States.TaskFailed` of `startExecution.sync`, whose cause is the child's DescribeExecution output with
 * its `Error` and `Cause`). The error comes back as the same class ({@link revivedError}), so a run on Step
 * Functions ends with the exit code the in-process run would have.
 *
 * @example
 * errorFromStepFailure({ Error: 'VerificationError', Cause: 'Orders differs ...' }) instanceof VerificationError; // true
 */
export function errorFromStepFailure(failure: StepFailure): Error {
  let name = failure.Error;
  let message = failure.Cause ?? '';
  for (;;) {
    const inner = parsed(message);
    if (typeof inner?.errorType === 'string') {
      name = inner.errorType;
      message = typeof inner.errorMessage === 'string' ? inner.errorMessage : '';
    } else if (name === 'States.TaskFailed' && typeof (inner?.Error ?? inner?.error) === 'string') {
      // The child's DescribeExecution output: `Error`/`Cause` as Step Functions' .sync:2 returns it, or lower case.
      name = String(inner!.Error ?? inner!.error);
      const cause = inner!.Cause ?? inner!.cause;
      message = typeof cause === 'string' ? cause : '';
    } else {
      return revivedError(name, message);
    }
  }
}

function parsed(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
