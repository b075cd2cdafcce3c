/**
 * The one error hierarchy of dynamo-dr. A message says what was wrong, the
 * value, and what to do; `hint` repeats the fix for display on its own line.
 *
 * @example
 * throw new DrError('The run is locked by another restore.', { hint: 'Wait for it, or run dynamo-dr unlock.' });
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
 * call that changes anything; the CLI exits with status 2. `field` is the key
 * of the request field (`incidentId`, `tableName`, `at`, ...): the CLI names
 * its flag instead ({@link InputError.describe}). A missing value (`null` or
 * `undefined`) is left out of the message ("tableName is required"); a long
 * one is shortened, with its length.
 *
 * @example
 * throw new InputError('segments', 0, 'is not a whole number from 1 to 1000', 'Give --segments 4, say.');
 */
export class InputError extends DrError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly problem: string,
    hint: string,
    cause?: unknown,
  ) {
    super(`${field}${shownValue(value)} ${problem}. ${hint}`, { hint, cause });
  }

  /**
   * The message with the field named as the caller knows it (a CLI flag for a request key).
   *
   * @example
   * error.describe((field) => (field === 'incidentId' ? '--incident' : field)); // '--incident "x y" is not ...'
   */
  describe(nameOf: (field: string) => string): string {
    // A revived error (see revivedError) keeps only its message, which already names its field.
    if (this.problem === undefined) return this.message;
    return `${nameOf(this.field)}${shownValue(this.value)} ${this.problem}. ${this.hint ?? ''}`.trimEnd();
  }
}

/** Values longer than this many characters are shown by their start and their length. */
const SHOWN_VALUE_LENGTH = 80;

function shownValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && value.length > SHOWN_VALUE_LENGTH) {
    return ` ${JSON.stringify(value.slice(0, SHOWN_VALUE_LENGTH - 3))}... (${value.length} characters)`;
  }
  return ` ${JSON.stringify(value)}`;
}

/**
 * An AWS call failed for a reason of the environment, not of the request: the endpoint cannot be reached,
 * there are no usable credentials, access is denied, or the region or endpoint configured is unusable. The
 * CLI prints one line and the hint, and exits with status 1. `cause` is the SDK's error.
 *
 * @example
 * if (error instanceof AwsEnvironmentError) console.error(error.message, error.hint); // exit status 1
 */
export class AwsEnvironmentError extends DrError {
  constructor(message: string, hint: string, cause: unknown) {
    super(message, { hint, cause });
  }
}

/**
 * AWS refused a request as invalid (ValidationException) although dynamo-dr checks every value it is given
 * first: the CLI exits with status 2, naming the operation and AWS's own words, which name the parameter.
 * `cause` is the SDK's error.
 *
 * @example
 * if (error instanceof AwsValidationError) console.error(error.message); // names the operation and AWS's words
 */
export class AwsValidationError extends InputError {
  constructor(request: string, problem: string, hint: string, cause: unknown) {
    super(request, undefined, problem, hint, cause);
  }
}

/**
 * A slow AWS operation (backup, restore) has not finished yet. Workflows poll
 * by retrying the state that threw it, with exponential backoff (ASL `Retry`).
 *
 * @example
 * if (status !== 'ACTIVE') throw new NotReadyError(`Table ${name} is ${status}.`); // the state is retried
 */
export class NotReadyError extends DrError {}

/**
 * A phase did not finish before its deadline; the run stops and can be resumed.
 *
 * @example
 * throw new DeadlineExceededError('The restore did not finish in 360 minutes.', { hint: 'Resume it.' });
 */
export class DeadlineExceededError extends DrError {}

/**
 * Items a sync could not write after every retry. The run stops instead of
 * skipping them; `keys` names each one (as DynamoDB JSON, or as SHA-256
 * digests of the key for tables marked sensitive).
 *
 * @example
 * if (error instanceof UnwritableItemsError) console.error(error.keys.length, 'items not written to', error.tableName);
 */
export class UnwritableItemsError extends DrError {
  constructor(
    readonly tableName: string,
    readonly keys: readonly unknown[],
    cause: unknown,
  ) {
    const shown = keys.slice(0, 5).map((k) => JSON.stringify(k));
    super(
      `${keys.length} item(s) could not be written to ${tableName} after all retries: ${shown.join(', ')}${keys.length > 5 ? ', ...' : ''} (last error: ${describeCause(cause)}).`,
      {
        hint: 'Nothing was skipped: run the same command again with the same --incident to resume (it goes on from its checkpoints); if the table is throttled, give it more capacity, or cap the run lower with --max-write-units.',
        cause,
        details: { tableName, keys },
      },
    );
  }
}

/**
 * Source and destination differ after a sync (or a table that should be empty is not).
 *
 * @example
 * if (error instanceof VerificationError) console.error(error.expected.count, 'expected,', error.actual.count, 'found');
 */
export class VerificationError extends DrError {
  constructor(
    message: string,
    readonly expected: { readonly count: number; readonly digest: string },
    readonly actual: { readonly count: number; readonly digest: string },
  ) {
    super(
      `${message}: expected ${expected.count} item(s) with digest ${expected.digest}, found ${actual.count} with digest ${actual.digest}.`,
      {
        hint: 'Something wrote to the destination during the sync, or an item was lost. Hold writers (recovery mode) and run the sync again.',
        details: { expected, actual },
      },
    );
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}

/**
 * Whether an error is an answer of an AWS service (an SDK service exception), not a failure of dynamo-dr.
 *
 * @example
 * if (!isAwsServiceError(error)) throw error; // a bug of dynamo-dr, not AWS's answer
 */
export function isAwsServiceError(error: unknown): boolean {
  return error instanceof Error && '$fault' in error && '$metadata' in error;
}

/** The classes an error can be revived as by its name (errors cross the Step Functions boundary as names). */
const REVIVABLE = {
  DrError,
  InputError,
  AwsEnvironmentError,
  AwsValidationError,
  NotReadyError,
  DeadlineExceededError,
  UnwritableItemsError,
  VerificationError,
} as const;

/**
 * An error of the class named `name` with `message`, as it was before it crossed a boundary that keeps only
 * the two (a Lambda function's failure, a state machine's `Error`/`Cause`): the same class, so the same exit
 * code and `instanceof` checks. An unknown name (an SDK exception, a `States.*` error) becomes a
 * {@link DrError} whose message names it.
 *
 * @example
 * revivedError('InputError', 'tableNameRecoveryConfirmation "orders" does not match ...') instanceof InputError; // true
 */
export function revivedError(name: string, message: string): DrError {
  const revived = Object.hasOwn(REVIVABLE, name) ? REVIVABLE[name as keyof typeof REVIVABLE] : undefined;
  if (!revived) return new DrError(`${name}: ${message}`);
  // The classes' own constructors compose their message from parts the boundary did not keep: give the
  // message as it was to an instance of the class.
  const error = Object.create(revived.prototype) as DrError;
  Object.assign(error, new DrError(message));
  Object.defineProperty(error, 'message', { value: message, writable: true, configurable: true });
  Object.defineProperty(error, 'stack', { value: new Error(message).stack, writable: true, configurable: true });
  error.name = name;
  // An input error's message starts with its field.
  if (error instanceof InputError)
    Object.assign(error, { field: message.split(' ')[0], value: undefined, problem: undefined });
  return error;
}
