import { hostname } from 'node:os';
import { InputError } from '../errors.js';
import { acquireRecoveryLock } from '../journal/recoveryLock.js';
import { newRunRecord, updateTable, withTable, type TableRunPlan } from '../journal/runRecord.js';
import type { RunJournal } from '../journal/runJournal.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/** One invocation working on a run: a CLI command or a Step Functions execution. */
export interface RunAttemptInfo {
  readonly executionId: string;
  readonly startedBy: string;
  /** The time as the user typed it. */
  readonly requestedTime: string;
}

/** A plan whose run is recorded under its incident (a restore's, export's, or restore-items'). */
export type JournaledPlan = TableRunPlan & Pick<TableRestorePlan, 'incidentId' | 'tableName' | 'restoreTime'>;

/**
 * Refuses an incident id already used for another restore time: the names it
 * derives would point at data of the other time. Only reads.
 */
export async function assertIncidentMatches(
  journal: RunJournal,
  plan: Pick<TableRestorePlan, 'incidentId' | 'restoreTime'>,
  field = 'incidentId',
): Promise<void> {
  const run = await journal.getRun(plan.incidentId);
  if (!run || run.restoreTime === plan.restoreTime) return;
  throw new InputError(
    field,
    plan.incidentId,
    `was already used to restore to ${run.restoreTime}, not ${plan.restoreTime}`,
    `Resume it with that time, or use a new incident id (see dynamo-dr runs show ${plan.incidentId}).`,
  );
}

/**
 * Takes the table's recovery lock and records the attempt in the run journal
 * (creating the run on its first attempt). Idempotent per execution.
 */
export async function beginTableRun(ctx: RestoreContext, plan: JournaledPlan, attempt: RunAttemptInfo): Promise<void> {
  await acquireRecoveryLock(ctx.journal, {
    tableName: plan.tableName,
    incidentId: plan.incidentId,
    executionId: attempt.executionId,
    startedBy: attempt.startedBy,
    host: hostname(),
    pid: process.pid,
    acquiredAt: new Date().toISOString(),
  });
  await ctx.journal.updateRun(plan.incidentId, (current) => {
    const now = new Date();
    const base =
      current ??
      newRunRecord(
        {
          incidentId: plan.incidentId,
          requestedTime: attempt.requestedTime,
          restoreTime: plan.restoreTime,
          tables: [],
        },
        now,
      );
    const attempts = base.attempts.some((a) => a.executionId === attempt.executionId)
      ? base.attempts
      : [
          ...base.attempts,
          { executionId: attempt.executionId, startedBy: attempt.startedBy, startedAt: now.toISOString() },
        ];
    return updateTable({ ...withTable(base, plan), attempts }, plan.tableName, (t) => ({
      ...t,
      result: t.result === 'succeeded' ? 'succeeded' : 'running',
      error: undefined,
    }));
  });
}

/** Records the table's result and releases its lock. */
export async function endTableRun(
  ctx: RestoreContext,
  plan: JournaledPlan,
  error?: { readonly name: string; readonly message: string },
): Promise<void> {
  await ctx.journal.updateRun(plan.incidentId, (run) => {
    if (!run?.tables[plan.tableName]) throw new Error(`No run of ${plan.tableName} is recorded for ${plan.incidentId}`);
    return updateTable(run, plan.tableName, (t) => ({ ...t, result: error ? 'failed' : 'succeeded', error }));
  });
  await ctx.journal.unlock(plan.tableName, plan.incidentId);
}
