import { AwsError } from '../../awsError.js';
import { BACKUP_ARN_RULE, backupDescription, backupStatus, findBackup } from '../backupViews.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';

/**
 * DeleteBackup; a backup still CREATING is in use.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteBackup.html
 */
export async function deleteBackup(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, { BackupArn: BACKUP_ARN_RULE });
  const backup = findBackup(ctx.store, ctx.region, data.BackupArn as string);
  if (backupStatus(backup) === 'CREATING') {
    throw new AwsError('BackupInUseException', `Backup is being created: ${data.BackupArn as string}`);
  }
  const description = backupDescription(backup, ctx.region);
  ctx.store.deleteBackup(backup);
  const details = description.BackupDetails as Record<string, unknown>;
  return { BackupDescription: { ...description, BackupDetails: { ...details, BackupStatus: 'DELETED' } } };
}
