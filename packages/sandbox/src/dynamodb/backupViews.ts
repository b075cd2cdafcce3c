import { backupArn, backupArnParts, tableArn } from './arns.js';
import { backupNotFound } from './dynamoErrors.js';
import type { BackupRecord, DynamoStore } from './store/dynamoStore.js';

/** A backup is CREATING for the configured time after CreateBackup, then AVAILABLE. */
export function backupStatus(backup: BackupRecord): 'CREATING' | 'AVAILABLE' {
  return Date.now() < backup.availableMs ? 'CREATING' : 'AVAILABLE';
}

/** The backup an ARN names in `region` (`store` is that Region's), or AWS's BackupNotFoundException. */
export function findBackup(store: DynamoStore, region: string, arn: string): BackupRecord {
  const id = backupArnParts(arn)?.backupId;
  const backup = id === undefined ? undefined : store.backup(id);
  if (!backup || arn !== backupArn(region, backup.tableName, backup.id)) throw backupNotFound(arn);
  return backup;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BackupDetails.html. A backup's size is
 * known once it is AVAILABLE: AWS answers CreateBackup (CREATING) with 0
 * (https://docs.aws.amazon.com/cli/latest/reference/dynamodb/create-backup.html, example output).
 */
export function backupDetails(backup: BackupRecord, region: string): Record<string, unknown> {
  const status = backupStatus(backup);
  return {
    BackupArn: backupArn(region, backup.tableName, backup.id),
    BackupName: backup.name,
    BackupSizeBytes: status === 'AVAILABLE' ? backup.sizeBytes : 0,
    BackupStatus: status,
    BackupType: 'USER',
    BackupCreationDateTime: backup.createdMs / 1000,
  };
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BackupSummary.html */
export function backupSummary(backup: BackupRecord, region: string): Record<string, unknown> {
  return {
    TableName: backup.tableName,
    TableId: backup.instanceId,
    TableArn: tableArn(region, backup.tableName),
    ...backupDetails(backup, region),
  };
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BackupDescription.html */
export function backupDescription(backup: BackupRecord, region: string): Record<string, unknown> {
  const def = backup.definition;
  return {
    BackupDetails: backupDetails(backup, region),
    SourceTableDetails: {
      TableName: backup.tableName,
      TableId: backup.instanceId,
      TableArn: tableArn(region, backup.tableName),
      TableSizeBytes: backup.sizeBytes,
      KeySchema: def.KeySchema,
      TableCreationDateTime: backup.tableCreatedMs / 1000,
      ProvisionedThroughput: def.ProvisionedThroughput ?? { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      ItemCount: backup.itemCount,
      BillingMode: def.BillingMode,
    },
    SourceTableFeatureDetails: {
      ...(def.GlobalSecondaryIndexes ? { GlobalSecondaryIndexes: def.GlobalSecondaryIndexes } : {}),
      ...(def.LocalSecondaryIndexes
        ? {
            LocalSecondaryIndexes: def.LocalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }) => ({
              IndexName,
              KeySchema,
              Projection,
            })),
          }
        : {}),
    },
  };
}

/** The rule for a BackupArn field (AWS: 37 to 1024 characters). */
export const BACKUP_ARN_RULE = {
  type: 'String',
  notNull: true,
  lengthGreaterThanOrEqual: 37,
  lengthLessThanOrEqual: 1024,
} as const;
