import { UpdateContinuousBackupsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Turns PITR on with this retention (`RecoveryPeriodInDays`, 1–35). On a table whose PITR is on, only the
 * retention changes and the restorable window stays; on one where it is off, the window starts now.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
 */
export async function enablePitr(dynamodb: DynamoDBClient, tableName: string, retentionDays: number): Promise<void> {
  await dynamodb.send(
    new UpdateContinuousBackupsCommand({
      TableName: tableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: retentionDays },
    }),
  );
}
