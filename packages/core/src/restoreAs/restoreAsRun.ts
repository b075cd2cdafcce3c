import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DrError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import type { RunJournal } from '../journal/runJournal.js';
import { newRunRecord, updateTable, withTable, type RunRecord, type TableRun } from '../journal/runRecord.js';
import type { SwitchRollback } from './parameterSwitch.js';
import type { RestoreAsPlan } from './restoreAsPlan.js';

/** What restore-as works with. */
export interface RestoreAsContext {
  readonly dynamodb: DynamoDBClient;
  readonly ssm: SSMClient;
  /** Where the run is recorded, as `restore-as-<incident>`. */
  readonly journal: RunJournal;
  /** `user@host`, recorded in the run journal. */
  readonly startedBy: string;
}

/** Records an attempt of the plan (creating the run on its first), its table running again with this plan. */
export async function beginRestoreAsRun(
  ctx: RestoreAsContext,
  plan: RestoreAsPlan,
  executionId: string,
): Promise<void> {
  await ctx.journal.updateRun(plan.incidentId, (current) => {
    const now = new Date();
    const base = current ?? newRunRecord({ ...plan, tables: [] }, now);
    const attempt = { executionId, startedBy: ctx.startedBy, startedAt: now.toISOString() };
    const run: RunRecord = { ...withTable(base, plan), kind: 'restore-as', attempts: [...base.attempts, attempt] };
    return updateTable(run, plan.tableName, (t) => ({ ...t, plan, result: 'running', error: undefined }));
  });
}

/** Applies a change to the plan's table in its run. */
export async function recordRestoreAs(
  ctx: RestoreAsContext,
  plan: RestoreAsPlan,
  change: (table: TableRun) => TableRun,
): Promise<void> {
  await ctx.journal.updateRun(plan.incidentId, (run) => {
    if (!run) throw new DrError(`No run is recorded for ${plan.incidentId}.`);
    return updateTable(run, plan.tableName, change);
  });
}

/**
 * Records a rollback on the run that made the switch; a switch saved without its run (made before runs were
 * journaled) or rolled back from a machine that lacks the run gets a run of its own.
 *
 * @returns the run's journal key.
 */
export async function recordRollback(
  journal: RunJournal,
  rollback: SwitchRollback,
  startedBy: string,
  executionId: string,
): Promise<string> {
  const key = rollback.incidentId ?? `restore-as-${generatedIncidentId()}`;
  await journal.updateRun(key, (current) => {
    const now = new Date();
    const time = rollback.restoreTime;
    const base = current ?? {
      ...newRunRecord({ incidentId: key, requestedTime: time, restoreTime: time, tables: [] }, now),
      result: 'succeeded' as const,
      endedAt: now.toISOString(),
    };
    return {
      ...base,
      kind: 'restore-as',
      attempts: [...base.attempts, { executionId, startedBy, startedAt: now.toISOString() }],
      rollback: { ...rollback, by: startedBy, at: now.toISOString() },
    };
  });
  return key;
}
