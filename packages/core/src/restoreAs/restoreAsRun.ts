import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import type { RunJournal } from '../journal/runJournal.js';
import { newRunRecord, updateTable, withTable, type RunRecordOf, type TableRunBase } from '../runs/runRecord.js';
import { recordTable, runOfKind, type TableRunKey } from '../runs/tableRun.js';
import type { SavedSwitch, SwitchRollback } from './parameterSwitch.js';
import type { RestoreAsPlan, SettingReport } from './restoreAsPlan.js';

/** The parameter switch a restore-as run made, with the value it replaced (also saved in SSM for rollback). */
export type RecordedSwitch = SavedSwitch & { readonly name: string; readonly previousName: string };

/** A restore-as run's table: the settings re-applied, the switch made. */
export interface RestoreAsTableRun extends TableRunBase<RestoreAsPlan> {
  /** What became of each setting on the new table. */
  readonly settings?: readonly SettingReport[];
  readonly switched?: RecordedSwitch;
}

/** The journal record of `dynamo-dr restore-as`, as `restore-as-<incident>`. */
export type RestoreAsRun = RunRecordOf<'restore-as', RestoreAsTableRun> & {
  /** The rollback of the run's switch (`restore-as --rollback`), who made it and when. */
  readonly rollback?: SwitchRollback & { readonly by: string; readonly at: string };
};

function restoreAsRunKey(plan: RestoreAsPlan): TableRunKey<'restore-as'> {
  return { kind: 'restore-as', incidentId: plan.incidentId, tableName: plan.tableName };
}

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
    const base =
      runOfKind<RestoreAsRun>(current, 'restore-as') ??
      newRunRecord<'restore-as', RestoreAsTableRun>('restore-as', plan, now);
    const attempt = { executionId, startedBy: ctx.startedBy, startedAt: now.toISOString() };
    const fresh: RestoreAsTableRun = { plan, result: 'running', phases: {} };
    const run: RestoreAsRun = { ...withTable(base, plan.tableName, fresh), attempts: [...base.attempts, attempt] };
    return updateTable(run, plan.tableName, (t) => ({ ...t, plan, result: 'running', error: undefined }));
  });
}

/** Applies a change to the plan's table in its run. */
export async function recordRestoreAs(
  ctx: RestoreAsContext,
  plan: RestoreAsPlan,
  change: (table: RestoreAsTableRun) => RestoreAsTableRun,
): Promise<void> {
  await recordTable<RestoreAsRun>(ctx.journal, restoreAsRunKey(plan), change);
}

/**
 * Records a rollback on the run that made the switch; a switch saved without its run (made before runs were
 * journaled) or rolled back from a machine that lacks the run gets a run of its own.
 *
 * @returns the run's journal key.
 *
 * @example
 * const runId = await recordRollback(journal, rollback, operatorName(), 'local');
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
    const base: RestoreAsRun = runOfKind<RestoreAsRun>(current, 'restore-as') ?? {
      ...newRunRecord<'restore-as', RestoreAsTableRun>(
        'restore-as',
        { incidentId: key, requestedTime: time, restoreTime: time },
        now,
      ),
      result: 'succeeded' as const,
      endedAt: now.toISOString(),
    };
    return {
      ...base,
      attempts: [...base.attempts, { executionId, startedBy, startedAt: now.toISOString() }],
      rollback: { ...rollback, by: startedBy, at: now.toISOString() },
    };
  });
  return key;
}
