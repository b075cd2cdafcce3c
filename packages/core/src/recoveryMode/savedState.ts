/**
 * What `start` saves before it changes anything, and `end` gives back: each
 * held function's reserved concurrency before recovery mode (null: none) and
 * each of its event source mappings' enabled state, with since when and by whom.
 */
export interface SavedState {
  readonly format: typeof SAVED_STATE_FORMAT;
  readonly environment: string;
  /** ISO 8601 UTC time the state was saved. */
  readonly since: string;
  /** Who started recovery mode (`--operator`, `DYNAMO_DR_OPERATOR`, or the OS user). */
  readonly by: string;
  readonly functions: readonly HeldFunction[];
  readonly mappings: readonly HeldMapping[];
}

export interface HeldFunction {
  readonly name: string;
  readonly arn: string;
  /** Reserved concurrency before recovery mode; null when the function had none. */
  readonly reservedConcurrency: number | null;
}

export interface HeldMapping {
  readonly uuid: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  /** Whether the mapping polled before recovery mode. */
  readonly enabled: boolean;
}

export const SAVED_STATE_FORMAT = 'dynamo-dr/recovery-mode@1';
