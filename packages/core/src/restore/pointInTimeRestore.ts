import { DrError, NotReadyError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../journal/runRecord.js';
import { assertBeforeDeadline } from './deadline.js';
import { describeTableIfExists, restoreToPointInTime } from './dynamoDbCalls.js';
import { isVerified, readTableRun, recordTable } from './recordTable.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/**
 * Starts the PITR restore of the destination at the plan's time into the
 * temporary table. A re-run reuses the temporary table this incident already
 * made, and starts nothing once the destination is verified (the temporary
 * table may already be cleaned up).
 */
export async function startPointInTimeRestore(ctx: RestoreContext, plan: TableRestorePlan): Promise<void> {
  if (isVerified(await readTableRun(ctx, plan))) return;
  await recordTable(ctx, plan, (t) => phaseStarted(t, 'restore', new Date()));
  await restoreToPointInTime(ctx.dynamodb, {
    source: plan.tableName,
    target: plan.restoredTableName,
    time: new Date(plan.restoreTime),
  });
}

/**
 * Returns once the temporary table is ACTIVE; throws {@link NotReadyError}
 * while it is being created (the workflow retries with exponential backoff).
 */
export async function awaitRestoredTable(ctx: RestoreContext, plan: TableRestorePlan, deadline: string): Promise<void> {
  if (isVerified(await readTableRun(ctx, plan))) return;
  const table = await describeTableIfExists(ctx.dynamodb, plan.restoredTableName);
  if (table?.TableStatus === 'ACTIVE') {
    assertRestoredFrom(plan, table.RestoreSummary?.RestoreDateTime);
    await recordTable(ctx, plan, (t) => phaseEnded(t, 'restore', new Date()));
    return;
  }
  if (table && table.TableStatus !== 'CREATING' && table.TableStatus !== 'UPDATING') {
    throw new DrError(`The restored table ${plan.restoredTableName} is ${table.TableStatus}.`, {
      hint: `Delete it (aws dynamodb delete-table --table-name ${plan.restoredTableName}) and run the same command again.`,
    });
  }
  assertBeforeDeadline(deadline, `the point-in-time restore into ${plan.restoredTableName}`);
  throw new NotReadyError(`The restored table ${plan.restoredTableName} is not ACTIVE yet.`);
}

/** A temporary table of this incident restored to another time must not be synced from. */
function assertRestoredFrom(plan: TableRestorePlan, restoredAt: Date | undefined): void {
  if (!restoredAt || restoredAt.getTime() === Date.parse(plan.restoreTime)) return;
  throw new DrError(
    `The table ${plan.restoredTableName} holds ${plan.tableName} as of ${restoredAt.toISOString()}, not ${plan.restoreTime}.`,
    { hint: `Use a new incident id, or delete ${plan.restoredTableName} and run the same command again.` },
  );
}
