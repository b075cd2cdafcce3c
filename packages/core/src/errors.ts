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

/**
 * Items a sync could not write after every retry. The run stops instead of
 * skipping them; `keys` names each one (as DynamoDB JSON, or as SHA-256
 * digests of the key for tables marked sensitive).
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
        hint: 'Nothing was skipped: run the same command again with the same run id to resume; if the table is throttled, lower --max-write-units or raise its capacity.',
        cause,
        details: { tableName, keys },
      },
    );
  }
}

/** Source and destination differ after a sync (or a table that should be empty is not). */
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
