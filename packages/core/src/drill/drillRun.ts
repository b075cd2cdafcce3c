import { DrError } from '../errors.js';
import type { RunJournal } from '../journal/runJournal.js';
import { newRunRecord, updateTable, withTable, type RunRecord, type TableRun } from '../journal/runRecord.js';
import type { DrillPlan } from './drillPlan.js';

/** Records the start of a drill as a run of kind `drill` (keyed by its drill id). */
export async function beginDrillRun(
  journal: RunJournal,
  plan: DrillPlan,
  attempt: { readonly executionId: string; readonly startedBy: string; readonly startedAt: Date },
): Promise<void> {
  const at = attempt.startedAt.toISOString();
  await journal.updateRun(plan.drillId, (current) => {
    const base =
      current ??
      newRunRecord({ incidentId: plan.drillId, requestedTime: at, restoreTime: at, tables: [] }, attempt.startedAt);
    const run: RunRecord = {
      ...withTable(base, plan),
      kind: 'drill',
      attempts: [...base.attempts, { executionId: attempt.executionId, startedBy: attempt.startedBy, startedAt: at }],
    };
    return updateTable(run, plan.tableName, (t) => ({ ...t, plan, result: 'running', error: undefined }));
  });
}

/** Applies a change to the drill's table in its run (and, with `pointInTime`, records T as the run's time). */
export async function recordDrill(
  journal: RunJournal,
  plan: DrillPlan,
  change: (table: TableRun) => TableRun,
  pointInTime?: Date,
): Promise<void> {
  await journal.updateRun(plan.drillId, (run) => {
    if (!run) throw new DrError(`No run is recorded for ${plan.drillId}.`);
    const timed = pointInTime ? { ...run, restoreTime: pointInTime.toISOString() } : run;
    return updateTable(timed, plan.tableName, change);
  });
}
