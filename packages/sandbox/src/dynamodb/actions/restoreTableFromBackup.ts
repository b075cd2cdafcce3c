import { AwsError } from '../../awsError.js';
import { tableArn } from '../arns.js';
import { BACKUP_ARN_RULE, backupStatus, findBackup } from '../backupViews.js';
import { RESTORE_TARGET_RULES, restoreOverrides } from '../restoreRules.js';
import { restoreTable } from '../restoreTable.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';

/**
 * RestoreTableFromBackup: a new table holding exactly the backup's items; a
 * backup still CREATING is in use.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html
 */
export async function restoreTableFromBackup(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, { BackupArn: BACKUP_ARN_RULE, ...RESTORE_TARGET_RULES });
  const arn = data.BackupArn as string;
  const backup = findBackup(ctx.store, arn);
  if (backupStatus(backup) === 'CREATING')
    throw new AwsError('BackupInUseException', `Backup is being created: ${arn}`);
  const description = await restoreTable(ctx, {
    targetTableName: data.TargetTableName as string,
    definition: backup.definition,
    items: ctx.store.journal({ id: backup.instanceId }).stateAfter(backup.journalEntries),
    overrides: restoreOverrides(data),
    summary: {
      sourceBackupArn: arn,
      sourceTableArn: tableArn(ctx.region, backup.tableName),
      restoreDateTimeMs: backup.createdMs,
    },
  });
  return { TableDescription: description };
}
