import type { RestoreSummary } from '@aws-sdk/client-dynamodb';
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
    assertRestoredFrom(plan, table.RestoreSummary);
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

/**
 * The temporary table must be this incident's restore of the destination at
 * the plan's time (its RestoreSummary says so): a table that merely has the
 * name, or holds another time, must never be synced from.
 */
function assertRestoredFrom(plan: TableRestorePlan, summary: RestoreSummary | undefined): void {
  const fromTable = summary?.SourceTableArn?.endsWith(`:table/${plan.tableName}`) ?? false;
  const at = summary?.RestoreDateTime;
  // Within a second: the API reports the time in epoch seconds.
  if (fromTable && at && Math.abs(at.getTime() - Date.parse(plan.restoreTime)) < 1000) return;
  throw new DrError(
    `The table ${plan.restoredTableName} is not a restore of ${plan.tableName} at ${plan.restoreTime}${summary ? ` (it restores ${summary.SourceTableArn ?? summary.SourceBackupArn} at ${at?.toISOString()})` : ''}.`,
    {
      hint: `Use a new incident id, or delete ${plan.restoredTableName} if it is not needed and run the same command again.`,
    },
  );
}
