import {
  DescribeTableCommand,
  ResourceNotFoundException,
  ListBackupsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';

/** An index's size and item count as DescribeTable reports them. */
export interface IndexSize {
  readonly indexName: string;
  readonly sizeBytes: number;
  readonly itemCount: number;
}

/** What a table's costs are computed from: DescribeTable's sizes and its on-demand backups' sizes. */
export interface TableSizes {
  readonly tableName: string;
  readonly itemCount: number;
  /** DescribeTable's `TableSizeBytes`: item data, without the 100-byte per-item overhead storage billing adds. */
  readonly tableSizeBytes: number;
  readonly localIndexes: readonly IndexSize[];
  readonly globalIndexes: readonly IndexSize[];
  /** The table's on-demand (USER) backups, each with its `BackupSizeBytes`. */
  readonly backups: readonly { readonly backupArn: string; readonly sizeBytes: number }[];
}

/**
 * Reads a table's sizes (DescribeTable; AWS refreshes them about every six hours) and lists its on-demand
 * backups (ListBackups, `BackupType` USER: AWS Backup's and system backups are billed elsewhere). A table that
 * does not exist is an InputError naming it.
 */
export async function readTableSizes(dynamodb: DynamoDBClient, tableName: string): Promise<TableSizes> {
  const table = await dynamodb.send(new DescribeTableCommand({ TableName: tableName })).then(
    (out) => out.Table ?? {},
    (error: unknown) => {
      if (error instanceof ResourceNotFoundException) {
        throw new InputError(
          'table',
          tableName,
          'does not exist in this account and region',
          'Check the configuration, --region and --profile.',
        );
      }
      throw error;
    },
  );
  const backups: { backupArn: string; sizeBytes: number }[] = [];
  let start: string | undefined;
  do {
    const page = await dynamodb.send(
      new ListBackupsCommand({ TableName: tableName, BackupType: 'USER', ExclusiveStartBackupArn: start }),
    );
    for (const b of page.BackupSummaries ?? []) {
      if (b.BackupArn) backups.push({ backupArn: b.BackupArn, sizeBytes: b.BackupSizeBytes ?? 0 });
    }
    start = page.LastEvaluatedBackupArn;
  } while (start);
  const index = (i: { IndexName?: string; IndexSizeBytes?: number; ItemCount?: number }): IndexSize => ({
    indexName: i.IndexName ?? '',
    sizeBytes: i.IndexSizeBytes ?? 0,
    itemCount: i.ItemCount ?? 0,
  });
  return {
    tableName,
    itemCount: table.ItemCount ?? 0,
    tableSizeBytes: table.TableSizeBytes ?? 0,
    localIndexes: (table.LocalSecondaryIndexes ?? []).map(index),
    globalIndexes: (table.GlobalSecondaryIndexes ?? []).map(index),
    backups,
  };
}
