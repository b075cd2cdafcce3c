/**
 * What the journal needs to know of a run record: its key, the command that made it and when it started.
 * The rest is the command's own (see `RunRecordOf`): the journal stores it as it is given, without reading it.
 */
export interface JournaledRun {
  readonly incidentId: string;
  readonly kind: string;
  readonly startedAt: string;
}

/** Who holds the recovery lock of a table. */
export interface RecoveryLock {
  readonly tableName: string;
  readonly incidentId: string;
  /** The CLI invocation or Step Functions execution holding it. */
  readonly executionId: string;
  readonly startedBy: string;
  readonly host: string;
  readonly pid: number;
  readonly acquiredAt: string;
}

/**
 * Where runs and recovery locks are kept: files under `.dynamo-dr/` locally
 * ({@link FileRunJournal}); on AWS, one DynamoDB table fits the same contract
 * (a conditional PutItem for `tryLock`, a versioned conditional put for
 * `updateRun`).
 *
 * Implementations must make `tryLock` atomic (at most one holder per table)
 * and must apply concurrent `updateRun` calls of one incident one after the
 * other, never losing one. They store a run record as it is given and return it as it was stored: the
 * journal understands no command's records.
 */
export interface RunJournal {
  /** The run of `incidentId`, or `undefined` when none was recorded. */
  getRun(incidentId: string): Promise<JournaledRun | undefined>;
  /** All runs, newest first. */
  listRuns(): Promise<JournaledRun[]>;
  /** Replaces the run with `change(current)`; `current` is `undefined` when there is none yet. */
  updateRun<R extends JournaledRun>(incidentId: string, change: (current: JournaledRun | undefined) => R): Promise<R>;
  /** Takes the table's lock; returns the current holder instead when someone holds it (even `lock`'s own incident). */
  tryLock(lock: RecoveryLock): Promise<RecoveryLock | undefined>;
  /** The table's lock holder, or `undefined` when unlocked. */
  readLock(tableName: string): Promise<RecoveryLock | undefined>;
  /** Removes the table's lock if `incidentId` holds it (no-op otherwise); with no incident, removes any holder. */
  unlock(tableName: string, incidentId?: string): Promise<void>;
  /** All held locks. */
  listLocks(): Promise<RecoveryLock[]>;
}
