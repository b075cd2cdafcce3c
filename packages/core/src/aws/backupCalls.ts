import {
  BackupNotFoundException,
  DescribeBackupCommand,
  RestoreTableFromBackupCommand,
  TableAlreadyExistsException,
  TableInUseException,
  type BackupDescription,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/*
 * The SDK calls an export from a backup needs beyond the restore workflow's (restore/dynamoDbCalls.ts).
 */

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
