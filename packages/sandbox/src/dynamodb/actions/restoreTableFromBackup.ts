import { AwsError } from '../../awsError.js';
import { backupArnParts, tableArn } from '../arns.js';
import { BACKUP_ARN_RULE, backupStatus, findBackup } from '../backupViews.js';
import { backupNotFound } from '../dynamoErrors.js';
import { RESTORE_TARGET_RULES, restoreOverrides } from '../restoreRules.js';
import { restoreTable } from '../restoreTable.js';
import type { DynamoContext } from '../service.js';
import { sourceRegion } from '../sourceRegion.js';
import { validateRequest } from '../../validateRequest.js';

/**
 * RestoreTableFromBackup: a new table holding exactly the backup's items; a
 * backup still CREATING is in use. The new table is in the request's Region;
 * the backup may be in another (its ARN says which), as AWS restores backups
 * across Regions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Restore.Tutorial.html).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html
 */
export async function restoreTableFromBackup(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, { BackupArn: BACKUP_ARN_RULE, ...RESTORE_TARGET_RULES });
  const arn = data.BackupArn as string;
  const named = backupArnParts(arn);
  const source = named && (await sourceRegion(ctx, named));
  if (!source) throw backupNotFound(arn);
  const backup = findBackup(source.store, source.region, arn);
  if (backupStatus(backup) === 'CREATING')
    throw new AwsError('BackupInUseException', `Backup is being created: ${arn}`);
  const description = await restoreTable(ctx, {
    targetTableName: data.TargetTableName as string,
    sourceTableName: backup.tableName,
    definition: backup.definition,
    items: source.store.backupItems(backup),
    overrides: restoreOverrides(data),
    summary: {
      sourceBackupArn: arn,
      sourceTableArn: tableArn(source.region, backup.tableName),
      restoreDateTimeMs: backup.createdMs,
    },
  });
  return { TableDescription: description };
}
