import { hostname } from 'node:os';
import { DrError, InputError } from '../errors.js';
import { acquireRecoveryLock } from '../journal/recoveryLock.js';
import type { JournaledRun, RunJournal } from '../journal/runJournal.js';
import type { RunContext } from './runContext.js';
import {
  newRunRecord,
  updateTable,
  withTable,
  type RecordedError,
  type RunKind,
  type RunRecordOf,
  type TableRunBase,
} from './runRecord.js';

/** The run a table's work is recorded in: its key, the command's kind, and the table. */
export interface TableRunKey<K extends RunKind = RunKind> {
  readonly kind: K;
  readonly incidentId: string;
  readonly tableName: string;
}

/** One invocation working on a run: a CLI command or a Step Functions execution. */
export interface RunAttemptInfo {
  readonly executionId: string;
  /** The time as the user typed it. */
  readonly requestedTime: string;
  /** The time restored to, in UTC. */
  readonly restoreTime: string;
}

/**
 * The run as `kind` recorded it, or `undefined` when none is recorded. A run of another kind under the same
 * key is refused: its records have another shape, and the key belongs to that command.
 */
export function runOfKind<R extends RunRecordOf>(run: JournaledRun | undefined, kind: R['kind']): R | undefined {
  if (run === undefined) return undefined;
  if (run.kind !== kind) {
    throw new DrError(`The run ${run.incidentId} was recorded by dynamo-dr ${run.kind}, not ${kind}.`, {
      hint: 'Use a new incident id for this command (see dynamo-dr runs list).',
    });
  }
  // The journal returns the record the command stored; its kind says which shape that is.
  return run as R;
}

/** This table's part of its run, as the journal has it, or `undefined`. */
export async function readTableRun<R extends RunRecordOf>(
  journal: RunJournal,
  key: TableRunKey<R['kind']>,
): Promise<R['tables'][string] | undefined> {
  return runOfKind<R>(await journal.getRun(key.incidentId), key.kind)?.tables[key.tableName] as
    R['tables'][string] | undefined;
}

/** Applies a change to this table's part of its run. */
export async function recordTable<R extends RunRecordOf>(
  journal: RunJournal,
  key: TableRunKey<R['kind']>,
  change: (table: R['tables'][string]) => R['tables'][string],
): Promise<void> {
  await journal.updateRun(key.incidentId, (current) => {
    const run = runOfKind<R>(current, key.kind);
    if (!run) throw new DrError(`No run is recorded for incident ${key.incidentId}.`);
    return updateTable(run, key.tableName, change);
  });
}

/**
 * Refuses an incident id already used for another restore time: the names it
 * derives would point at data of the other time. Only reads.
 */
export async function assertIncidentMatches(
  journal: RunJournal,
  plan: { readonly incidentId: string; readonly restoreTime: string },
  field = 'incidentId',
): Promise<void> {
  const run = (await journal.getRun(plan.incidentId)) as Partial<RunRecordOf> | undefined;
  if (!run || run.restoreTime === plan.restoreTime) return;
  throw new InputError(
    field,
    plan.incidentId,
    `was already used to restore to ${run.restoreTime}, not ${plan.restoreTime}`,
    `Resume it with that time, or use a new incident id (see dynamo-dr runs show ${plan.incidentId}).`,
  );
}

/**
 * Takes the table's recovery lock and records the attempt (creating the run on its first attempt, the table
 * as `fresh` on its first), the table running again. Idempotent per execution.
 */
export async function beginTableRun<R extends RunRecordOf>(
  ctx: RunContext,
  key: TableRunKey<R['kind']>,
  fresh: R['tables'][string],
  attempt: RunAttemptInfo,
): Promise<void> {
  await acquireRecoveryLock(ctx.journal, {
    tableName: key.tableName,
    incidentId: key.incidentId,
    executionId: attempt.executionId,
    startedBy: ctx.startedBy,
    host: hostname(),
    pid: process.pid,
    acquiredAt: new Date().toISOString(),
  });
  await recordAttempt<R>(ctx, key, fresh, attempt);
}

/** Records an attempt without a lock (commands that write no table in place), as {@link beginTableRun} does. */
export async function recordAttempt<R extends RunRecordOf>(
  ctx: RunContext,
  key: TableRunKey<R['kind']>,
  fresh: R['tables'][string],
  attempt: RunAttemptInfo,
): Promise<void> {
  await ctx.journal.updateRun(key.incidentId, (current) => {
    const now = new Date();
    const base = runOfKind<R>(current, key.kind) ?? (newRunRecord(key.kind, { ...attempt, ...key }, now) as R);
    const attempts = base.attempts.some((a) => a.executionId === attempt.executionId)
      ? base.attempts
      : [
          ...base.attempts,
          { executionId: attempt.executionId, startedBy: ctx.startedBy, startedAt: now.toISOString() },
        ];
    return updateTable({ ...withTable(base, key.tableName, fresh), attempts }, key.tableName, (t) => ({
      ...t,
      result: t.result === 'succeeded' ? 'succeeded' : 'running',
      error: undefined,
    }));
  });
}

/** Records the table's result and releases its lock (when this incident holds it). */
export async function endTableRun(ctx: RunContext, key: TableRunKey, error?: RecordedError): Promise<void> {
  await recordTable<RunRecordOf>(ctx.journal, key, (t: TableRunBase) => ({
    ...t,
    result: error ? 'failed' : 'succeeded',
    error: error && { name: error.name, message: error.message },
  }));
  await ctx.journal.unlock(key.tableName, key.incidentId);
}
