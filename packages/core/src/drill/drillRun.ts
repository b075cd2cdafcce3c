import { DrError } from '../errors.js';
import type { JournaledRun, RunJournal } from '../journal/runJournal.js';
import { newRunRecord, updateTable, withTable, type RunRecordOf, type TableRunBase } from '../runs/runRecord.js';
import { recordTable, runOfKind, type TableRunKey } from '../runs/tableRun.js';
import type { DrillPlan } from './drillPlan.js';
import type { DrillReference } from './drillReference.js';

/** A drill's table: what it recorded just after its canaries, the report written and why it failed. */
export interface DrillTableRun extends TableRunBase<DrillPlan> {
  readonly drill?: {
    /** A later drill may recover to this time and verify against it. */
    readonly reference?: DrillReference;
    /** The report's JSON file. */
    readonly report?: string;
    readonly failures?: readonly string[];
    /** How far the latest restorable time trailed the drill's start, in seconds (recorded on AWS, between steps). */
    readonly latestRestorableLag?: number;
  };
}

/** The journal record of `dynamo-dr drill`, keyed by its drill id. */
export type DrillRun = RunRecordOf<'drill', DrillTableRun>;

/** The run as a drill recorded it, or `undefined` for a run of another command. */
export function drillRunOf(run: JournaledRun): DrillRun | undefined {
  return run.kind === 'drill' ? runOfKind<DrillRun>(run, 'drill') : undefined;
}

/** The drill's table in the journal. */
export function drillRunKey(plan: DrillPlan): TableRunKey<'drill'> {
  return { kind: 'drill', incidentId: plan.drillId, tableName: plan.tableName };
}

/** Records the start of a drill as a run of kind `drill` (keyed by its drill id). */
export async function beginDrillRun(
  journal: RunJournal,
  plan: DrillPlan,
  attempt: { readonly executionId: string; readonly startedBy: string; readonly startedAt: Date },
): Promise<void> {
  const at = attempt.startedAt.toISOString();
  await journal.updateRun(plan.drillId, (current) => {
    const base =
      runOfKind<DrillRun>(current, 'drill') ??
      newRunRecord<'drill', DrillTableRun>(
        'drill',
        { incidentId: plan.drillId, requestedTime: at, restoreTime: at },
        attempt.startedAt,
      );
    const fresh: DrillTableRun = { plan, result: 'running', phases: {} };
    const run: DrillRun = {
      ...withTable(base, plan.tableName, fresh),
      attempts: [...base.attempts, { executionId: attempt.executionId, startedBy: attempt.startedBy, startedAt: at }],
    };
    return updateTable(run, plan.tableName, (t) => ({ ...t, plan, result: 'running', error: undefined }));
  });
}

/** Applies a change to the drill's table in its run (and, with `pointInTime`, records T as the run's time). */
export async function recordDrill(
  journal: RunJournal,
  plan: DrillPlan,
  change: (table: DrillTableRun) => DrillTableRun,
  pointInTime?: Date,
): Promise<void> {
  if (pointInTime) {
    await journal.updateRun(plan.drillId, (current) => {
      const run = runOfKind<DrillRun>(current, 'drill');
      if (!run) throw new DrError(`No run is recorded for ${plan.drillId}.`);
      return { ...updateTable(run, plan.tableName, change), restoreTime: pointInTime.toISOString() };
    });
    return;
  }
  await recordTable<DrillRun>(journal, drillRunKey(plan), change);
}
