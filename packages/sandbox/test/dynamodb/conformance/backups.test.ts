import {
  CreateBackupCommand,
  DeleteBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  ListBackupsCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  conformanceSuite,
  contentOf,
  expectAwsError,
  listedTables,
  RESTORE_TIMEOUT_MS,
  untilActive,
  untilBackupAvailable,
} from '../conformanceTarget.js';
import { createTestTable } from '../tables.js';

// On-demand backups: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/BackupRestore.html
// API: CreateBackup, DescribeBackup, ListBackups, DeleteBackup, RestoreTableFromBackup in
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB.html

const target = conformanceSuite();

const put = (table: string, pk: string) =>
  target.ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, sk: { N: '1' } } }));

async function backUp(table: string, name: string): Promise<string> {
  const { BackupDetails } = await target.ddb.send(new CreateBackupCommand({ TableName: table, BackupName: name }));
  const arn = BackupDetails?.BackupArn as string;
  target.trackBackup(arn);
  return arn;
}

describe('on-demand backups', () => {
  it(
    'a backup holds the table as it was at CreateBackup, and restores to a new table',
    async () => {
      const { ddb } = target;
      const table = target.tableName('bk-src');
      await createTestTable(ddb, table);
      await put(table, 'before');
      const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: table, BackupName: 'first' }));
      target.trackBackup(BackupDetails?.BackupArn as string);
      expect(BackupDetails).toMatchObject({ BackupName: 'first', BackupType: 'USER' });
      expect(['CREATING', 'AVAILABLE']).toContain(BackupDetails?.BackupStatus);
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
      // `…/backup/01576616366715-b4e58d3a`: the creation time in ms, zero-padded to 14 digits, and 8 hex digits
      // (https://docs.aws.amazon.com/cli/latest/reference/dynamodb/list-backups.html, example output).
      const [, millis] = /\/backup\/(\d{14})-[0-9a-f]{8}$/.exec(BackupDetails?.BackupArn as string) ?? [];
      expect(BackupDetails?.BackupArn?.startsWith(`${Table?.TableArn}/backup/`)).toBe(true);
      expect(Number(millis)).toBe(BackupDetails?.BackupCreationDateTime?.getTime());
      await put(table, 'after');

      await target.untilBackupAvailable(BackupDetails?.BackupArn as string);
      const { BackupDescription } = await ddb.send(new DescribeBackupCommand({ BackupArn: BackupDetails?.BackupArn }));
      expect(BackupDescription?.SourceTableDetails).toMatchObject({ TableName: table, TableArn: Table?.TableArn });
      expect(BackupDescription?.SourceTableFeatureDetails?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([
        'byG',
      ]);

      const restored = target.tableName('bk-dst');
      const response = await ddb.send(
        new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: restored }),
      );
      expect(response.TableDescription?.RestoreSummary?.SourceBackupArn).toBe(BackupDetails?.BackupArn);
      // A table being restored holds nothing yet: 0 items, 0 bytes until it is ACTIVE
      // (https://docs.aws.amazon.com/cli/latest/reference/dynamodb/restore-table-from-backup.html, example output).
      expect(response.TableDescription).toMatchObject({ TableStatus: 'CREATING', ItemCount: 0, TableSizeBytes: 0 });
      await target.untilActive(restored);
      expect(Object.keys(await target.contentOf(restored))).toEqual(['before/1']);
    },
    RESTORE_TIMEOUT_MS,
  );

  it('lists backups by table, creation time and type, a page at a time', async () => {
    const { ddb } = target;
    const table = target.tableName('bk-list');
    await createTestTable(ddb, table);
    const startedAt = new Date(Date.now() - 1000);
    const first = await backUp(table, 'one');
    const second = await backUp(table, 'two');
    const list = async (input: Record<string, unknown>) =>
      (await ddb.send(new ListBackupsCommand({ TableName: table, ...input }))).BackupSummaries?.map((b) => b.BackupArn);
    expect(await list({})).toEqual([first, second]);
    expect(await list({ TimeRangeLowerBound: startedAt })).toEqual([first, second]);
    expect(await list({ TimeRangeUpperBound: startedAt })).toEqual([]);
    expect(await list({ BackupType: 'SYSTEM' })).toEqual([]);
    expect(await list({ BackupType: 'USER' })).toEqual([first, second]);
    const page1 = await ddb.send(new ListBackupsCommand({ TableName: table, Limit: 1 }));
    expect(page1.BackupSummaries?.map((b) => b.BackupArn)).toEqual([first]);
    expect(page1.LastEvaluatedBackupArn).toBe(first);
    const page2 = await ddb.send(
      new ListBackupsCommand({ TableName: table, Limit: 1, ExclusiveStartBackupArn: page1.LastEvaluatedBackupArn }),
    );
    expect(page2.BackupSummaries?.map((b) => b.BackupArn)).toEqual([second]);
  });

  it(
    'a backup outlives its table: deleted (and re-created under its name), the table restores from it as it was',
    async () => {
      const { ddb } = target;
      const table = target.tableName('bk-gone');
      await createTestTable(ddb, table);
      await put(table, 'kept');
      const arn = await backUp(table, 'last');
      await untilBackupAvailable(ddb, arn);
      await ddb.send(new DeleteTableCommand({ TableName: table }));
      await expect.poll(() => listedTables(ddb), { timeout: RESTORE_TIMEOUT_MS }).not.toContain(table);
      // A new table of the same name is another table: the backup is of the deleted one.
      await createTestTable(ddb, table);
      await put(table, 'new');
      const restored = target.tableName('bk-gone-dst');
      await ddb.send(new RestoreTableFromBackupCommand({ BackupArn: arn, TargetTableName: restored }));
      await untilActive(ddb, restored);
      expect(Object.keys(await contentOf(ddb, restored))).toEqual(['kept/1']);
    },
    RESTORE_TIMEOUT_MS,
  );

  it(
    'DeleteBackup removes it: it is then not found, not listed, not restorable',
    async () => {
      const { ddb } = target;
      const table = target.tableName('bk-del');
      await createTestTable(ddb, table);
      const arn = await backUp(table, 'doomed');
      await target.untilBackupAvailable(arn);
      const { BackupDescription } = await ddb.send(new DeleteBackupCommand({ BackupArn: arn }));
      expect(BackupDescription?.BackupDetails?.BackupStatus).toBe('DELETED');
      await expectAwsError(ddb.send(new DescribeBackupCommand({ BackupArn: arn })), 'BackupNotFoundException');
      expect((await ddb.send(new ListBackupsCommand({ TableName: table }))).BackupSummaries).toEqual([]);
      const before = await target.listedTables();
      await expectAwsError(
        ddb.send(new RestoreTableFromBackupCommand({ BackupArn: arn, TargetTableName: target.tableName('bk-none') })),
        'BackupNotFoundException',
      );
      expect(await target.listedTables()).toEqual(before);
    },
    RESTORE_TIMEOUT_MS,
  );

  it(
    'refuses bad requests with AWS errors, changing nothing',
    async () => {
      const { ddb } = target;
      const table = target.tableName('bk-bad');
      await createTestTable(ddb, table);
      const arn = await backUp(table, 'good');
      await target.untilBackupAvailable(arn);
      const before = await target.listedTables();
      await expectAwsError(
        ddb.send(new CreateBackupCommand({ TableName: `${table}-missing`, BackupName: 'x-backup' })),
        'TableNotFoundException',
      );
      await expectAwsError(ddb.send(new CreateBackupCommand({ TableName: table } as never)), 'ValidationException');
      await expectAwsError(
        ddb.send(new RestoreTableFromBackupCommand({ BackupArn: arn, TargetTableName: table })),
        'TableAlreadyExistsException',
      );
      expect(await target.listedTables()).toEqual(before);
      expect((await ddb.send(new ListBackupsCommand({ TableName: table }))).BackupSummaries?.length).toBe(1);
    },
    RESTORE_TIMEOUT_MS,
  );
});
