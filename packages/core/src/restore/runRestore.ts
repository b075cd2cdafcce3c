import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { acquireRecoveryLock } from '../journal/recoveryLock.js';
import type { RunRecord } from '../journal/runRecord.js';
import { runRestoreWorkflow } from '../workflow/runRestoreWorkflow.js';
import type { WorkflowHandlerContext } from '../workflow/workflowHandlers.js';
import { settingsOf, type RestorePlan } from './restorePlan.js';

/** How {@link runRestore} runs. */
export interface RunRestoreOptions {
  /** Identifies this invocation in the journal and the locks. @default a new UUID */
  readonly executionId?: string;
  /** Wait between polls of the backup and restore, in ms (see `runRestoreWorkflow`). */
  readonly pollIntervalMs?: number;
  /**
   * Called after validation and before the first change: the recovery-mode
   * guard refuses writing into a live table here.
   */
  readonly assertWritesAllowed?: (plan: RestorePlan) => Promise<void>;
}

/**
 * Executes a validated plan: takes every table's lock first (all or none),
 * then runs each table's restore state machine locally, in parallel, to the
 * same time. Resumes what the same incident left unfinished. Rejects with the
 * first failure after every table has stopped; the journal has the rest.
 *
 * @example
 * const plan = await planRestore(ddb, journal, request);
 * const run = await runRestore(context, plan);
 */
export async function runRestore(
  ctx: WorkflowHandlerContext,
  plan: RestorePlan,
  options: RunRestoreOptions = {},
): Promise<RunRecord> {
  await options.assertWritesAllowed?.(plan);
  const executionId = options.executionId ?? randomUUID();
  const taken: string[] = [];
  try {
    for (const table of plan.tables) {
      await acquireRecoveryLock(ctx.journal, {
        tableName: table.tableName,
        incidentId: plan.incidentId,
        executionId,
        startedBy: ctx.startedBy,
        host: hostname(),
        pid: process.pid,
        acquiredAt: new Date().toISOString(),
      });
      taken.push(table.tableName);
    }
  } catch (error) {
    for (const tableName of taken) await ctx.journal.unlock(tableName, plan.incidentId);
    throw error;
  }
  const outcomes = await Promise.allSettled(
    plan.tables.map((table) =>
      runRestoreWorkflow({
        settings: settingsOf(table),
        input: {
          incidentId: plan.incidentId,
          pitrBackupTime: plan.requestedTime,
          tableNameRecoveryConfirmation: table.tableName,
        },
        context: ctx,
        executionId,
        pollIntervalMs: options.pollIntervalMs,
      }),
    ),
  );
  // A table refused inside its state machine (before its own lock step) still holds the lock taken above.
  for (const table of plan.tables) {
    if ((await ctx.journal.readLock(table.tableName))?.executionId === executionId) {
      await ctx.journal.unlock(table.tableName, plan.incidentId);
    }
  }
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  return (await ctx.journal.getRun(plan.incidentId))!;
}
