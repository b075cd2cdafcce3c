import { backupStatus, createBackup, findBackupByName } from '../aws/dynamoDbCalls.js';
import { DrError, NotReadyError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { readTableRun, recordTable } from '../runs/tableRun.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { restoreRunKey, type RestoreRun } from './restoreRun.js';
import type { RestoreStepContext } from './restoreStepContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/**
 * Starts the on-demand backup of the destination as it is now, for forensics
 * and to undo the recovery, and records its ARN. A re-run finds the backup this
 * incident already started (by its name) instead of taking a second one of a
 * half-synced table.
 */
export async function startForensicBackup(ctx: RestoreStepContext, plan: TableRestorePlan): Promise<void> {
  const key = restoreRunKey(plan);
  await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseStarted(t, 'backup', new Date()));
  const existing = await findBackupByName(ctx.dynamodb, plan.tableName, plan.forensicBackupName);
  const backup = existing ?? (await createBackup(ctx.dynamodb, plan.tableName, plan.forensicBackupName));
  await recordTable<RestoreRun>(ctx.journal, key, (t) => ({ ...t, forensicBackupArn: backup.backupArn }));
}

/**
 * Returns once the recorded forensic backup is AVAILABLE; throws {@link NotReadyError}
 * while it is CREATING (the workflow polls with exponential backoff) and
 * {@link DeadlineExceededError} after `deadline`.
 */
export async function awaitForensicBackup(
  ctx: RestoreStepContext,
  plan: TableRestorePlan,
  deadline: string,
): Promise<void> {
  const key = restoreRunKey(plan);
  const backupArn = (await readTableRun<RestoreRun>(ctx.journal, key))?.forensicBackupArn;
  const status = backupArn ? await backupStatus(ctx.dynamodb, backupArn) : undefined;
  if (status === 'AVAILABLE') {
    await recordTable<RestoreRun>(ctx.journal, key, (t) => phaseEnded(t, 'backup', new Date()));
    return;
  }
  if (status !== 'CREATING') {
    throw new DrError(
      `The forensic backup ${backupArn ?? plan.forensicBackupName} of ${plan.tableName} is ${status ?? 'missing'}.`,
      {
        hint: 'Run the same command again: it takes a new forensic backup before anything is deleted.',
      },
    );
  }
  assertBeforeDeadline(deadline, `the forensic backup ${plan.forensicBackupName}`);
  throw new NotReadyError(`The forensic backup ${plan.forensicBackupName} is still CREATING.`);
}
