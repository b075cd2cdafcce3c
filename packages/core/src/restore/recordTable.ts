import { DrError } from '../errors.js';
import { updateTable, type TableRun } from '../journal/runRecord.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/** Applies a change to this plan's table in the run journal. */
export async function recordTable(
  ctx: RestoreContext,
  plan: Pick<TableRestorePlan, 'incidentId' | 'tableName'>,
  change: Parameters<typeof updateTable>[2],
): Promise<void> {
  await ctx.journal.updateRun(plan.incidentId, (run) => {
    if (!run) throw new DrError(`No run is recorded for incident ${plan.incidentId}.`);
    return updateTable(run, plan.tableName, change);
  });
}

/** This plan's table as the run journal has it, or `undefined`. */
export async function readTableRun(ctx: RestoreContext, plan: TableRestorePlan): Promise<TableRun | undefined> {
  return (await ctx.journal.getRun(plan.incidentId))?.tables[plan.tableName];
}

/** Whether the destination was already verified equal to the restored data (a resumed run past the sync). */
export function isVerified(table: TableRun | undefined): boolean {
  return table?.verification?.equal === true;
}
