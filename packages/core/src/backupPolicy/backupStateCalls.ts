import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  TableNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** PITR as DescribeContinuousBackups reports it: off, or on with its retention and restorable window. */
export type PitrState =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly retentionDays: number; readonly earliest: Date; readonly latest: Date };

/** What backup health needs to know of a table, read with DescribeTable and DescribeContinuousBackups. */
export type TableBackupState =
  | { readonly tableName: string; readonly exists: false }
  | {
      readonly tableName: string;
      readonly exists: true;
      readonly tableArn: string;
      readonly createdAt: Date;
      readonly deletionProtection: boolean;
      readonly pitr: PitrState;
    };

/**
 * Reads a table's backup state. PITR's status is `PointInTimeRecoveryDescription.PointInTimeRecoveryStatus`:
 * `ContinuousBackupsStatus` reads ENABLED on every table, PITR on or off
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html). A table
 * that does not exist is `exists: false`, not an error.
 *
 * @example
 * const state = await describeBackupState(dynamodb, 'Prod-Orders');
 * if (state.exists && !state.pitr.enabled) console.error('PITR is off');
 */
export async function describeBackupState(dynamodb: DynamoDBClient, tableName: string): Promise<TableBackupState> {
  try {
    const [described, continuous] = await Promise.all([
      dynamodb.send(new DescribeTableCommand({ TableName: tableName })),
      dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: tableName })),
    ]);
    const table = described.Table ?? {};
    const pitr = continuous.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    return {
      tableName,
      exists: true,
      tableArn: table.TableArn ?? '',
      createdAt: table.CreationDateTime ?? new Date(0),
      deletionProtection: table.DeletionProtectionEnabled === true,
      pitr:
        pitr?.PointInTimeRecoveryStatus === 'ENABLED' &&
        pitr.EarliestRestorableDateTime &&
        pitr.LatestRestorableDateTime
          ? {
              enabled: true,
              // Tables whose PITR predates configurable retention report no period: theirs is 35 days.
              retentionDays: pitr.RecoveryPeriodInDays ?? 35,
              earliest: pitr.EarliestRestorableDateTime,
              latest: pitr.LatestRestorableDateTime,
            }
          : { enabled: false },
    };
  } catch (error) {
    if (error instanceof ResourceNotFoundException || error instanceof TableNotFoundException) {
      return { tableName, exists: false };
    }
    throw error;
  }
}
