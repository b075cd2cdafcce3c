/**
 * The one error hierarchy of dynamo-dr. A message says what was wrong, the
 * value, and what to do; `hint` repeats the fix for display on its own line.
 */
export class DrError extends Error {
  constructor(
    message: string,
    readonly options: { readonly hint?: string; readonly cause?: unknown; readonly details?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
  }

  get hint(): string | undefined {
    return this.options.hint;
  }
}

/**
 * Bad input: a field has a value that cannot be used. Raised before any AWS
 * call that changes anything; the CLI exits with status 2.
 */
export class InputError extends DrError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    problem: string,
    hint: string,
  ) {
    super(`${field} ${JSON.stringify(value)} ${problem}. ${hint}`, { hint });
  }
}

/**
 * A slow AWS operation (backup, restore) has not finished yet. Workflows poll
 * by retrying the state that threw it, with exponential backoff (ASL `Retry`).
 */
export class NotReadyError extends DrError {}

/** A phase did not finish before its deadline; the run stops and can be resumed. */
export class DeadlineExceededError extends DrError {}
