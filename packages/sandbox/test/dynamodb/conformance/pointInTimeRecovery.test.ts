import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAwsError, pointInTime, RESTORE_TIMEOUT_MS, conformanceSuite } from '../conformanceTarget.js';
import { createTestTable } from '../tables.js';

// PITR behaviour: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html
// API: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html

const target = conformanceSuite();

const s = (v: string) => ({ S: v });
const n = (v: number) => ({ N: String(v) });

async function enablePitr(table: string): Promise<void> {
  await target.ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
}

describe('RestoreTableToPointInTime', () => {
  it(
    'restores exactly what the table held at T, for T between writes milliseconds apart',
    async () => {
      const { ddb } = target;
      const source = target.tableName('pit-src');
      await createTestTable(ddb, source);
      await enablePitr(source);
      await pointInTime(); // the restorable window starts when PITR was enabled

      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('a'), sk: n(1), v: n(1), g: s('x') } }));
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('a'), sk: n(2), v: n(1) } }));
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('b'), sk: n(1), v: n(1) } }));
      const t1 = await pointInTime();
      await ddb.send(
        new UpdateItemCommand({
          TableName: source,
          Key: { pk: s('a'), sk: n(1) },
          UpdateExpression: 'SET v = :v REMOVE g',
          ExpressionAttributeValues: { ':v': n(2) },
        }),
      );
      await ddb.send(new DeleteItemCommand({ TableName: source, Key: { pk: s('a'), sk: n(2) } }));
      await ddb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [source]: [
              { PutRequest: { Item: { pk: s('c'), sk: n(1), v: n(1) } } },
              { DeleteRequest: { Key: { pk: s('b'), sk: n(1) } } },
            ],
          },
        }),
      );
      const t2 = await pointInTime();
      // Delete, then put the same key again (its new content must win at t3, and be absent at t2.5).
      await ddb.send(new DeleteItemCommand({ TableName: source, Key: { pk: s('c'), sk: n(1) } }));
      const tGone = await pointInTime();
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('c'), sk: n(1), v: n(9) } }));
      const t3 = await pointInTime();
      // A failed conditional write changes nothing, so it must not appear in any restore.
      await expectAwsError(
        ddb.send(
          new PutItemCommand({
            TableName: source,
            Item: { pk: s('c'), sk: n(1), v: n(100) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
        'ConditionalCheckFailedException',
      );
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('d'), sk: n(1), v: n(1) } }));

      await target.untilRestorable(source, t3);
      const expected = {
        t1: {
          'a/1': { pk: s('a'), sk: n(1), v: n(1), g: s('x') },
          'a/2': { pk: s('a'), sk: n(2), v: n(1) },
          'b/1': { pk: s('b'), sk: n(1), v: n(1) },
        },
        t2: { 'a/1': { pk: s('a'), sk: n(1), v: n(2) }, 'c/1': { pk: s('c'), sk: n(1), v: n(1) } },
        tGone: { 'a/1': { pk: s('a'), sk: n(1), v: n(2) } },
        t3: { 'a/1': { pk: s('a'), sk: n(1), v: n(2) }, 'c/1': { pk: s('c'), sk: n(1), v: n(9) } },
      };
      const times = { t1, t2, tGone, t3 };
      const restored = await Promise.all(
        (Object.keys(times) as (keyof typeof times)[]).map(async (label) => {
          const name = target.tableName(`pit-${label.toLowerCase()}`);
          await ddb.send(
            new RestoreTableToPointInTimeCommand({
              SourceTableName: source,
              TargetTableName: name,
              RestoreDateTime: times[label],
            }),
          );
          await target.untilActive(name);
          return [label, await target.contentOf(name)] as const;
        }),
      );
      expect(Object.fromEntries(restored)).toEqual(expected);
    },
    RESTORE_TIMEOUT_MS,
  );

  it(
    'takes the source by ARN or restores the latest restorable time, copying key schema, indexes and billing',
    async () => {
      const { ddb } = target;
      const source = target.tableName('arn-src');
      await createTestTable(ddb, source);
      await enablePitr(source);
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('k'), sk: n(1), g: s('x') } }));
      const written = await pointInTime();
      await target.untilRestorable(source, written);
      const { Table: src } = await ddb.send(new DescribeTableCommand({ TableName: source }));
      const byArn = target.tableName('arn-dst');
      const response = await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableArn: src?.TableArn,
          TargetTableName: byArn,
          UseLatestRestorableTime: true,
        }),
      );
      expect(response.TableDescription?.TableName).toBe(byArn);
      expect(response.TableDescription?.RestoreSummary?.SourceTableArn).toBe(src?.TableArn);
      expect(response.TableDescription?.RestoreSummary?.RestoreInProgress).toBe(true);
      // Nothing restored yet: 0 items and 0 bytes while CREATING, however much the source holds.
      expect(response.TableDescription).toMatchObject({ TableStatus: 'CREATING', ItemCount: 0, TableSizeBytes: 0 });
      await target.untilActive(byArn);
      const { Table: dst } = await ddb.send(new DescribeTableCommand({ TableName: byArn }));
      expect(dst?.KeySchema).toEqual(src?.KeySchema);
      expect(dst?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byG']);
      expect(dst?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(dst?.RestoreSummary?.RestoreInProgress).toBe(false);
      expect(Object.keys(await target.contentOf(byArn))).toEqual(['k/1']);
    },
    RESTORE_TIMEOUT_MS,
  );

  it(
    'applies index and billing overrides',
    async () => {
      const { ddb } = target;
      const source = target.tableName('ovr-src');
      await createTestTable(ddb, source);
      await enablePitr(source);
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: s('k'), sk: n(1), g: s('x') } }));
      const written = await pointInTime();
      await target.untilRestorable(source, written);
      const name = target.tableName('ovr-dst');
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: source,
          TargetTableName: name,
          RestoreDateTime: written,
          GlobalSecondaryIndexOverride: [],
          BillingModeOverride: 'PROVISIONED',
          ProvisionedThroughputOverride: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
        }),
      );
      await target.untilActive(name);
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.GlobalSecondaryIndexes ?? []).toEqual([]);
      expect(Table?.ProvisionedThroughput?.ReadCapacityUnits).toBe(3);
      expect(Table?.ProvisionedThroughput?.WriteCapacityUnits).toBe(4);
      expect(Object.keys(await target.contentOf(name))).toEqual(['k/1']);
    },
    RESTORE_TIMEOUT_MS,
  );

  describe('refuses bad requests with AWS errors and leaves no table behind', () => {
    let source: string;
    let plain: string;
    let inWindow: Date;
    let before: string[];
    beforeAll(async () => {
      source = target.tableName('bad-src');
      plain = target.tableName('bad-nopitr');
      await createTestTable(target.ddb, source);
      await createTestTable(target.ddb, plain);
      await enablePitr(source);
      inWindow = await pointInTime();
      await target.untilRestorable(source, inWindow);
      before = await target.listedTables();
    }, RESTORE_TIMEOUT_MS);

    const restore = (input: Record<string, unknown>) =>
      target.ddb.send(new RestoreTableToPointInTimeCommand(input as never));

    it('an unknown source table: TableNotFoundException', async () => {
      await expectAwsError(
        restore({
          SourceTableName: `${source}-missing`,
          TargetTableName: target.tableName('x1'),
          RestoreDateTime: inWindow,
        }),
        'TableNotFoundException',
      );
      expect(await target.listedTables()).toEqual(before);
    });

    it('a time outside the restorable window: InvalidRestoreTimeException', async () => {
      const name = target.tableName('x2');
      await expectAwsError(
        restore({ SourceTableName: source, TargetTableName: name, RestoreDateTime: new Date(Date.now() - 86_400_000) }),
        'InvalidRestoreTimeException',
      );
      await expectAwsError(
        restore({ SourceTableName: source, TargetTableName: name, RestoreDateTime: new Date(Date.now() + 3_600_000) }),
        'InvalidRestoreTimeException',
      );
      expect(await target.listedTables()).toEqual(before);
    });

    it('a source without PITR: PointInTimeRecoveryUnavailableException', async () => {
      await expectAwsError(
        restore({ SourceTableName: plain, TargetTableName: target.tableName('x3'), UseLatestRestorableTime: true }),
        'PointInTimeRecoveryUnavailableException',
      );
      expect(await target.listedTables()).toEqual(before);
    });

    it('a target that exists: TableAlreadyExistsException', async () => {
      await expectAwsError(
        restore({ SourceTableName: source, TargetTableName: plain, RestoreDateTime: inWindow }),
        'TableAlreadyExistsException',
      );
      expect(await target.listedTables()).toEqual(before);
    });

    it('malformed input: ValidationException', async () => {
      await expectAwsError(
        restore({ SourceTableName: source, RestoreDateTime: inWindow }),
        'ValidationException',
        /targetTableName|TargetTableName/,
      );
      await expectAwsError(
        restore({ SourceTableName: source, TargetTableName: 'ab', RestoreDateTime: inWindow }),
        'ValidationException',
      );
      await expectAwsError(
        restore({
          SourceTableName: source,
          TargetTableName: target.tableName('x4'),
          RestoreDateTime: inWindow,
          GlobalSecondaryIndexOverride: [
            {
              IndexName: 'byZ',
              KeySchema: [{ AttributeName: 'z', KeyType: 'HASH' }],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
        'ValidationException',
      );
      expect(await target.listedTables()).toEqual(before);
    });
  });
});

describe('UpdateContinuousBackups / DescribeContinuousBackups', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
  it('reports the window from when PITR was enabled; disabling and re-enabling resets it', async () => {
    const { ddb } = target;
    const table = target.tableName('window');
    await createTestTable(ddb, table);
    const describe = async () =>
      (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: table }))).ContinuousBackupsDescription;
    expect(await describe()).toMatchObject({
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    });
    const enabled = await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      }),
    );
    const first = enabled.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    expect(first?.PointInTimeRecoveryStatus).toBe('ENABLED');
    expect(first?.RecoveryPeriodInDays).toBe(7);
    const firstEarliest = (await describe())?.PointInTimeRecoveryDescription?.EarliestRestorableDateTime as Date;
    expect(firstEarliest).toBeInstanceOf(Date);
    await pointInTime();
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: table,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
    expect((await describe())?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('DISABLED');
    await pointInTime();
    await enablePitr(table);
    const again = (await describe())?.PointInTimeRecoveryDescription;
    expect(again?.RecoveryPeriodInDays).toBe(35);
    expect((again?.EarliestRestorableDateTime as Date).getTime()).toBeGreaterThan(firstEarliest.getTime());
  });

  it('refuses a recovery period outside 1–35 days and an unknown table, changing nothing', async () => {
    const { ddb } = target;
    const table = target.tableName('period');
    await createTestTable(ddb, table);
    await expectAwsError(
      ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: table,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 36 },
        }),
      ),
      'ValidationException',
      /recoveryPeriodInDays/,
    );
    await expectAwsError(
      ddb.send(new DescribeContinuousBackupsCommand({ TableName: `${table}-missing` })),
      'TableNotFoundException',
    );
    const { ContinuousBackupsDescription } = await ddb.send(new DescribeContinuousBackupsCommand({ TableName: table }));
    expect(ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('DISABLED');
  });
});
