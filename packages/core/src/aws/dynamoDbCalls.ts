import {
  BackupNotFoundException,
  CreateBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  ResourceNotFoundException,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  TableAlreadyExistsException,
  TableInUseException,
  type BackupDescription,
  type BackupStatus,
  type SSESpecification,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';

/*
 * The thin layer between the recovery domain and DynamoDB's control plane (tables, backups, restores): every
 * such SDK call is here, everything above speaks in the domain. Item reads and writes are in scanPage.ts,
 * batchGet.ts and batchWrite.ts.
 */

/** The table's description, or `undefined` when it does not exist. */
export async function describeTableIfExists(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Point-in-time recovery status and the window a restore may target right now. */
export interface RestorableWindow {
  readonly enabled: boolean;
  readonly earliest?: Date;
  readonly latest?: Date;
}

/** Reads PITR status with DescribeContinuousBackups (there is no CloudWatch metric for it). */
export async function readRestorableWindow(client: DynamoDBClient, tableName: string): Promise<RestorableWindow> {
  const out = await client.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
  const pitr = out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
  return {
    enabled: pitr?.PointInTimeRecoveryStatus === 'ENABLED',
    earliest: pitr?.EarliestRestorableDateTime,
    latest: pitr?.LatestRestorableDateTime,
  };
}

/** A user backup found by name. */
export interface BackupRef {
  readonly backupArn: string;
  readonly status: BackupStatus;
}

/**
 * Finds a live backup of `tableName` called `backupName`. Backup names are not
 * unique in DynamoDB, so a re-run looks its backup up by name before creating one.
 */
export async function findBackupByName(
  client: DynamoDBClient,
  tableName: string,
  backupName: string,
): Promise<BackupRef | undefined> {
  let start: string | undefined;
  do {
    const page = await client.send(
      new ListBackupsCommand({ TableName: tableName, BackupType: 'USER', ExclusiveStartBackupArn: start }),
    );
    const found = page.BackupSummaries?.find((b) => b.BackupName === backupName && b.BackupStatus !== 'DELETED');
    if (found?.BackupArn && found.BackupStatus) return { backupArn: found.BackupArn, status: found.BackupStatus };
    start = page.LastEvaluatedBackupArn;
  } while (start);
  return undefined;
}

/** Starts an on-demand backup; returns its ARN. */
export async function createBackup(client: DynamoDBClient, tableName: string, backupName: string): Promise<BackupRef> {
  const out = await client.send(new CreateBackupCommand({ TableName: tableName, BackupName: backupName }));
  return { backupArn: out.BackupDetails!.BackupArn!, status: out.BackupDetails!.BackupStatus! };
}

/** The backup's status (CREATING, AVAILABLE or DELETED). */
export async function backupStatus(client: DynamoDBClient, backupArn: string): Promise<BackupStatus | undefined> {
  const out = await client.send(new DescribeBackupCommand({ BackupArn: backupArn }));
  return out.BackupDescription?.BackupDetails?.BackupStatus;
}

/**
 * Starts a PITR restore of `source` at `time` into the new table `target`. With `sourceTableArn`, the client's
 * Region may be another than the source's: AWS restores across Regions when called in the target Region with
 * the source's ARN (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html).
 * Returns false when `target` already exists or is being created (a re-run of the same incident; AWS
 * answers TableInUseException while the earlier restore is still CREATING).
 */
export async function restoreToPointInTime(
  client: DynamoDBClient,
  request: {
    readonly source: string;
    readonly target: string;
    readonly time: Date;
    /** Across Regions: the source's ARN, and the restored table's encryption (which AWS then requires). */
    readonly crossRegion?: { readonly sourceTableArn: string; readonly encryption: SSESpecification };
  },
): Promise<boolean> {
  try {
    await client.send(
      new RestoreTableToPointInTimeCommand({
        ...(request.crossRegion
          ? {
              SourceTableArn: request.crossRegion.sourceTableArn,
              SSESpecificationOverride: request.crossRegion.encryption,
            }
          : { SourceTableName: request.source }),
        TargetTableName: request.target,
        RestoreDateTime: request.time,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TableAlreadyExistsException || error instanceof TableInUseException) return false;
    throw error;
  }
}

/** Deletes a table; returns false when it was already gone. */
export async function deleteTableIfExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** The backup's description, or `undefined` when there is no such backup. */
export async function describeBackupIfExists(
  client: DynamoDBClient,
  backupArn: string,
): Promise<BackupDescription | undefined> {
  try {
    return (await client.send(new DescribeBackupCommand({ BackupArn: backupArn }))).BackupDescription;
  } catch (error) {
    if (error instanceof BackupNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Starts RestoreTableFromBackup into the new table `target`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableFromBackup.html).
 * Returns false when `target` already exists or is being created (a re-run of the same incident).
 */
export async function restoreFromBackup(client: DynamoDBClient, backupArn: string, target: string): Promise<boolean> {
  try {
    await client.send(new RestoreTableFromBackupCommand({ BackupArn: backupArn, TargetTableName: target }));
    return true;
  } catch (error) {
    if (error instanceof TableAlreadyExistsException || error instanceof TableInUseException) return false;
    throw error;
  }
}
