import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { expectAwsError, pointInTime, RESTORE_TIMEOUT_MS, conformanceSuite } from '../conformanceTarget.js';
import { createTestTable } from '../tables.js';

const target = conformanceSuite();

const tableArnPattern = (region: string, name: string) =>
  new RegExp(`^arn:aws:dynamodb:${region}:\\d{12}:table/${name.replace(/[.]/g, '\\.')}$`);

describe('table settings', () => {
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
  it('deletion protection refuses DeleteTable until it is turned off', async () => {
    const { ddb } = target;
    const table = target.tableName('protected');
    await createTestTable(ddb, table, { DeletionProtectionEnabled: true });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.DeletionProtectionEnabled).toBe(true);
    await expectAwsError(
      ddb.send(new DeleteTableCommand({ TableName: table })),
      'ValidationException',
      /Resource cannot be deleted as it is currently protected against deletion\. Disable deletion protection first\./,
    );
    expect(await target.listedTables()).toContain(table);
    await ddb.send(new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: false }));
    await target.untilActive(table);
    await ddb.send(new DeleteTableCommand({ TableName: table }));
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html (TableArn, TableId)
  it('reports the table ARN in the client region, a UUID TableId, and keeps tags given at CreateTable', async () => {
    const { ddb, region } = target;
    const table = target.tableName('tagged');
    await createTestTable(ddb, table, { Tags: [{ Key: 'team', Value: 'ops' }] });
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.TableArn).toMatch(tableArnPattern(region, table));
    // "Unique identifier for the table": a UUID, e.g. 114865c9-5ef3-496c-b4d1-c4cbdd2d44fb.
    expect(Table?.TableId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const arn = Table?.TableArn as string;
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.Operations.html
    const tags = async () => (await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: arn }))).Tags;
    expect(await tags()).toEqual([{ Key: 'team', Value: 'ops' }]);
    await ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await ddb.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    expect(await tags()).toEqual([{ Key: 'env', Value: 'prod' }]);
  });

  // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
  it('keeps the TTL specification', async () => {
    const { ddb } = target;
    const table = target.tableName('ttl');
    await createTestTable(ddb, table);
    const describeTtl = async () =>
      (await ddb.send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;
    expect((await describeTtl())?.TimeToLiveStatus).toBe('DISABLED');
    const { TimeToLiveSpecification } = await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
    expect(TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    // AWS reports ENABLING for a while, then ENABLED.
    expect(['ENABLING', 'ENABLED']).toContain((await describeTtl())?.TimeToLiveStatus);
    expect((await describeTtl())?.AttributeName).toBe('expiresAt');
  });

  // A restore carries key schema, indexes and billing, but not tags, TTL, streams, PITR or deletion protection:
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery_Howitworks.html
  it(
    'a restored table inherits none of tags, TTL, streams, PITR and deletion protection',
    async () => {
      const { ddb } = target;
      const source = target.tableName('inherit-src');
      await createTestTable(ddb, source, {
        Tags: [{ Key: 'team', Value: 'ops' }],
        DeletionProtectionEnabled: true,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      });
      await ddb.send(
        new UpdateTimeToLiveCommand({
          TableName: source,
          TimeToLiveSpecification: { AttributeName: 'exp', Enabled: true },
        }),
      );
      await ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: source,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      const { Table: src } = await ddb.send(new DescribeTableCommand({ TableName: source }));
      expect(src?.StreamSpecification?.StreamEnabled).toBe(true);
      expect(src?.LatestStreamArn).toMatch(/\/stream\//);
      await ddb.send(new PutItemCommand({ TableName: source, Item: { pk: { S: 'k' }, sk: { N: '1' } } }));
      const at = await pointInTime();
      await target.untilRestorable(source, at);
      const restored = target.tableName('inherit-dst');
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: source,
          TargetTableName: restored,
          RestoreDateTime: at,
        }),
      );
      await target.untilActive(restored);
      const { Table } = await ddb.send(new DescribeTableCommand({ TableName: restored }));
      expect(Table?.DeletionProtectionEnabled).toBe(false);
      expect(Table?.StreamSpecification).toBeUndefined();
      expect(Table?.LatestStreamArn).toBeUndefined();
      expect(Table?.KeySchema).toEqual(src?.KeySchema);
      expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }))).Tags).toEqual([]);
      expect(
        (await ddb.send(new DescribeTimeToLiveCommand({ TableName: restored }))).TimeToLiveDescription
          ?.TimeToLiveStatus,
      ).toBe('DISABLED');
      const { ContinuousBackupsDescription } = await ddb.send(
        new DescribeContinuousBackupsCommand({ TableName: restored }),
      );
      expect(ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('DISABLED');
      await ddb.send(new DeleteTableCommand({ TableName: restored }));
    },
    RESTORE_TIMEOUT_MS,
  );

  it('CreateTable with an existing name is refused and the table is unchanged', async () => {
    const { ddb } = target;
    const table = target.tableName('dup');
    await createTestTable(ddb, table, { Tags: [{ Key: 'a', Value: '1' }] });
    await expectAwsError(
      ddb.send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'x', KeyType: 'HASH' }],
        }),
      ),
      'ResourceInUseException',
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
    expect(Table?.KeySchema?.[0]?.AttributeName).toBe('pk');
    expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }))).Tags).toEqual([
      { Key: 'a', Value: '1' },
    ]);
  });
});
