import { phaseEnded, phaseStarted } from '../journal/runRecord.js';
import { deleteTableIfExists } from './dynamoDbCalls.js';
import { recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/**
 * Deletes the temporary restored table after a verified sync, unless the plan
 * keeps it. The forensic backup is always kept: it is how the recovery is undone.
 */
export async function cleanUpRestore(ctx: RestoreContext, plan: TableRestorePlan): Promise<{ deleted: boolean }> {
  await recordTable(ctx, plan, (t) => phaseStarted(t, 'cleanup', new Date()));
  const deleted = plan.keepRestoredTable ? false : await deleteTableIfExists(ctx.dynamodb, plan.restoredTableName);
  await recordTable(ctx, plan, (t) => phaseEnded(t, 'cleanup', new Date()));
  return { deleted };
}
