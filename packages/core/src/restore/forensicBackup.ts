import { DrError, NotReadyError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../journal/runRecord.js';
import { assertBeforeDeadline } from './deadline.js';
import { recordTable } from './recordTable.js';
import { backupStatus, createBackup, findBackupByName } from './dynamoDbCalls.js';
import type { RestoreContext } from './restoreContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/**
 * Starts the on-demand backup of the destination as it is now, for forensics
 * and to undo the recovery. A re-run finds the backup this incident already
 * started (by its name) instead of taking a second one of a half-synced table.
 */
export async function startForensicBackup(ctx: RestoreContext, plan: TableRestorePlan): Promise<{ backupArn: string }> {
  await recordTable(ctx, plan, (t) => phaseStarted(t, 'backup', new Date()));
  const existing = await findBackupByName(ctx.dynamodb, plan.tableName, plan.forensicBackupName);
  const backup = existing ?? (await createBackup(ctx.dynamodb, plan.tableName, plan.forensicBackupName));
  await recordTable(ctx, plan, (t) => ({ ...t, forensicBackupArn: backup.backupArn }));
  return { backupArn: backup.backupArn };
}

/**
 * Returns once the forensic backup is AVAILABLE; throws {@link NotReadyError}
 * while it is CREATING (the workflow retries with exponential backoff) and
 * {@link DeadlineExceededError} after `deadline`.
 */
export async function awaitForensicBackup(
  ctx: RestoreContext,
  plan: TableRestorePlan,
  backupArn: string,
  deadline: string,
): Promise<void> {
  const status = await backupStatus(ctx.dynamodb, backupArn);
  if (status === 'AVAILABLE') {
    await recordTable(ctx, plan, (t) => phaseEnded(t, 'backup', new Date()));
    return;
  }
  if (status !== 'CREATING') {
    throw new DrError(`The forensic backup ${backupArn} of ${plan.tableName} is ${status ?? 'missing'}.`, {
      hint: 'Run the same command again: it takes a new forensic backup before anything is deleted.',
    });
  }
  assertBeforeDeadline(deadline, `the forensic backup ${plan.forensicBackupName}`);
  throw new NotReadyError(`The forensic backup ${plan.forensicBackupName} is still CREATING.`);
}
