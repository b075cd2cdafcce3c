import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { DrConfig } from '../config/configSchema.js';
import type { ChangeFailure } from './applyChanges.js';
import type { PlannedChange } from './planChanges.js';

/** What every recovery-mode operation needs: clients, the configuration (if any) and the environment. */
export interface RecoveryModeTarget {
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
  /** The loaded configuration; undefined selects by the `{environment}-` name prefix. */
  readonly config: DrConfig | undefined;
  readonly environment: string;
}

/**
 * What `start` or `end` did (or, with `dryRun`, would do). A stable JSON
 * contract: `dynamo-dr recovery-mode start|end --json` prints it.
 */
export interface RecoveryModeOutcome {
  readonly action: 'start' | 'end';
  readonly environment: string;
  /** The SSM parameter holding the saved state. */
  readonly stateParameter: string;
  readonly dryRun: boolean;
  /** When and by whom recovery mode was started. */
  readonly since: string;
  readonly by: string;
  /** `start` only: recovery mode was already started (its saved state is kept, never overwritten). */
  readonly alreadyStarted: boolean;
  /** `start` only, when already started: functions and mappings that appeared since, now added to the saved state. */
  readonly added: readonly string[];
  /** The changes planned, in order; all made except those in `failures` and `gone` (none made on a dry run). */
  readonly changes: readonly PlannedChange[];
  /** Held resources already as wanted. */
  readonly unchanged: readonly string[];
  /** Held resources that no longer exist. */
  readonly gone: readonly string[];
  /** Changes that failed: run the same command again to complete them. */
  readonly failures: readonly ChangeFailure[];
  /** `start` only: functions matched by the environment but left running as recovery functions. */
  readonly recoveryFunctions: readonly string[];
  /** `end` only: the saved state was deleted (every change succeeded). */
  readonly stateCleared: boolean;
}
