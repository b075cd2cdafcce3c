import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  DescribeContinuousBackupsCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import {
  contentOf,
  expectAwsError,
  listedTables,
  pointInTime,
  untilActive,
  untilBackupAvailable,
} from './conformanceTarget.js';
import { createTestTable } from './tables.js';

// Sandbox-only behaviour: its timing knobs, its journal, and what it refuses (documented in docs/sandbox.md).

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  // Long enough that the checks made while a restore or backup is CREATING finish well within it, even on a busy machine.
  sandbox = await startSandbox({ restoreBaseMs: 1000, backupCreateMs: 1000, latestRestorableLagMs: 0 });
  ddb = new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
});
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

const KEY_ATTRIBUTES = [
  { AttributeName: 'pk', AttributeType: 'S' as const },
  { AttributeName: 'sk', AttributeType: 'N' as const },
];
const key = (pk: string) => ({ pk: { S: pk }, sk: { N: '1' } });

async function pitrTable(name: string): Promise<void> {
  await createTestTable(ddb, name);
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: name,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
}

describe('restored tables', () => {
  it('stay CREATING for the configured time, refusing item reads and writes, then turn ACTIVE', async () => {
    await pitrTable('creating-src');
    await ddb.send(new PutItemCommand({ TableName: 'creating-src', Item: key('a') }));
    const response = await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'creating-src',
        TargetTableName: 'creating-dst',
        UseLatestRestorableTime: true,
      }),
    );
    expect(response.TableDescription?.TableStatus).toBe('CREATING');
    expect(response.TableDescription?.TableArn).toBe('arn:aws:dynamodb:eu-west-2:123456789012:table/creating-dst');
    await expectAwsError(
      ddb.send(new GetItemCommand({ TableName: 'creating-dst', Key: key('a') })),
      'ResourceNotFoundException',
    );
    await expectAwsError(ddb.send(new ScanCommand({ TableName: 'creating-dst' })), 'ResourceNotFoundException');
    await expectAwsError(
      ddb.send(new PutItemCommand({ TableName: 'creating-dst', Item: key('b') })),
      'ResourceNotFoundException',
    );
    await expectAwsError(
      ddb.send(new CreateBackupCommand({ TableName: 'creating-dst', BackupName: 'too-early' })),
      'TableInUseException',
    );
    await expectAwsError(
      ddb.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'creating-dst',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ),
      'ContinuousBackupsUnavailableException',
    );
    await expectAwsError(ddb.send(new DeleteTableCommand({ TableName: 'creating-dst' })), 'ResourceInUseException');
    const { Table: creating } = await ddb.send(new DescribeTableCommand({ TableName: 'creating-dst' }));
    expect(creating).toMatchObject({ TableStatus: 'CREATING', ItemCount: 0, TableSizeBytes: 0 });
    await untilActive(ddb, 'creating-dst');
    expect(Object.keys(await contentOf(ddb, 'creating-dst'))).toEqual(['a/1']);
    const { Table: active } = await ddb.send(new DescribeTableCommand({ TableName: 'creating-dst' }));
    expect(active?.ItemCount).toBe(1);
    expect(active?.TableSizeBytes).toBeGreaterThan(0);
  });

  it('refuses a second restore to a name being restored with TableInUseException', async () => {
    await pitrTable('inuse-src');
    const restore = () =>
      ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'inuse-src',
          TargetTableName: 'inuse-dst',
          UseLatestRestorableTime: true,
        }),
      );
    await restore();
    await expectAwsError(restore(), 'TableInUseException');
    await untilActive(ddb, 'inuse-dst');
    await expectAwsError(restore(), 'TableAlreadyExistsException');
  });

  it('refuses more than 50 concurrent restores with LimitExceededException', async () => {
    // A sandbox whose restores stay CREATING long enough for 50 of them to be in progress at once.
    const slow = await startSandbox({ restoreBaseMs: 60_000 });
    const client = new DynamoDBClient({
      endpoint: slow.endpoint,
      region: slow.region,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      // The SDK retries LimitExceededException as throttling; once is enough to see it.
      maxAttempts: 1,
    });
    try {
      await createTestTable(client, 'limit-src', {
        GlobalSecondaryIndexes: undefined,
        AttributeDefinitions: KEY_ATTRIBUTES,
      });
      await client.send(
        new UpdateContinuousBackupsCommand({
          TableName: 'limit-src',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
      const restore = (i: number) =>
        client.send(
          new RestoreTableToPointInTimeCommand({
            SourceTableName: 'limit-src',
            TargetTableName: `limit-dst-${i}`,
            UseLatestRestorableTime: true,
          }),
        );
      await Promise.all(Array.from({ length: 50 }, (_, i) => restore(i)));
      const before = await listedTables(client);
      await expectAwsError(restore(50), 'LimitExceededException');
      expect(await listedTables(client)).toEqual(before);
    } finally {
      client.destroy();
      await slow.stop();
    }
  });
});

it('a backup is CREATING for the configured time: restoring it meanwhile is BackupInUseException', async () => {
  await createTestTable(ddb, 'bk-creating');
  await ddb.send(new PutItemCommand({ TableName: 'bk-creating', Item: key('a') }));
  const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'bk-creating', BackupName: 'bk1' }));
  // Its size is known once it is AVAILABLE, as AWS's CreateBackup answers 0 while CREATING.
  expect(BackupDetails).toMatchObject({ BackupStatus: 'CREATING', BackupSizeBytes: 0 });
  expect(BackupDetails?.BackupArn).toMatch(
    /^arn:aws:dynamodb:eu-west-2:123456789012:table\/bk-creating\/backup\/\d{14}-[0-9a-f]{8}$/,
  );
  await expectAwsError(
    ddb.send(new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: 'bk-x' })),
    'BackupInUseException',
  );
  await untilBackupAvailable(ddb, BackupDetails?.BackupArn as string);
  const { BackupDescription } = await ddb.send(new DescribeBackupCommand({ BackupArn: BackupDetails?.BackupArn }));
  expect(BackupDescription?.BackupDetails?.BackupSizeBytes).toBeGreaterThan(0);
});

it('LatestRestorableDateTime trails now by latestRestorableLagMs', async () => {
  const lagging = await startSandbox({ latestRestorableLagMs: 300_000 });
  const client = new DynamoDBClient(lagging.clientConfig);
  try {
    await createTestTable(client, 'lag');
    await client.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'lag',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const { ContinuousBackupsDescription: d } = await client.send(
      new DescribeContinuousBackupsCommand({ TableName: 'lag' }),
    );
    // Enabled a moment ago, so the window is still empty: latest is clamped to earliest.
    const { EarliestRestorableDateTime: earliest, LatestRestorableDateTime: latest } =
      d?.PointInTimeRecoveryDescription ?? {};
    expect(latest?.getTime()).toBe(earliest?.getTime());
    await expectAwsError(
      client.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'lag',
          TargetTableName: 'lag-dst',
          RestoreDateTime: new Date(),
        }),
      ),
      'InvalidRestoreTimeException',
    );
  } finally {
    client.destroy();
    await lagging.stop();
  }
});

describe('the write journal', () => {
  it('reports ItemCount and TableSizeBytes from the journal', async () => {
    await createTestTable(ddb, 'counted');
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          counted: ['a', 'b', 'c'].map((pk) => ({ PutRequest: { Item: { ...key(pk), v: { S: 'x' } } } })),
        },
      }),
    );
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'counted' }));
    expect(Table?.ItemCount).toBe(3);
    expect(Table?.TableSizeBytes).toBeGreaterThan(0);
  });

  it('refuses the writes it cannot journal (transactions, PartiQL), changing nothing', async () => {
    await createTestTable(ddb, 'untx');
    await expectAwsError(
      ddb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'untx', Item: key('a') } }] })),
      'UnknownOperationException',
      /refuses TransactWriteItems: it cannot journal/,
    );
    await expectAwsError(
      ddb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "untx" VALUE {'pk': 'a', 'sk': 1}` })),
      'UnknownOperationException',
      /refuses ExecuteStatement/,
    );
    expect(await contentOf(ddb, 'untx')).toEqual({});
  });

  it('journals UpdateItem whatever ReturnValues the client asks for, and answers what it asked', async () => {
    await pitrTable('retvals');
    await ddb.send(
      new PutItemCommand({ TableName: 'retvals', Item: { ...key('a'), n: { N: '0' }, keep: { S: 'k' } } }),
    );
    const add = (returnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW') =>
      ddb.send(
        new UpdateItemCommand({
          TableName: 'retvals',
          Key: key('a'),
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
          ReturnValues: returnValues,
        }),
      );
    expect((await add()).Attributes).toBeUndefined();
    expect((await add('ALL_OLD')).Attributes).toEqual({ ...key('a'), n: { N: '1' }, keep: { S: 'k' } });
    expect((await add('UPDATED_OLD')).Attributes).toEqual({ n: { N: '2' } });
    expect((await add('UPDATED_NEW')).Attributes).toEqual({ n: { N: '4' } });
    expect((await add('ALL_NEW')).Attributes).toEqual({ ...key('a'), n: { N: '5' }, keep: { S: 'k' } });
    const at = await pointInTime();
    await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'retvals',
        TargetTableName: 'retvals-dst',
        RestoreDateTime: at,
      }),
    );
    await untilActive(ddb, 'retvals-dst');
    expect(await contentOf(ddb, 'retvals-dst')).toEqual({ 'a/1': { ...key('a'), n: { N: '5' }, keep: { S: 'k' } } });
  });

  it('keeps concurrent writes to one key in applied order', async () => {
    await pitrTable('racing');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        ddb.send(new PutItemCommand({ TableName: 'racing', Item: { ...key('a'), v: { N: String(i) } } })),
      ),
    );
    const { Item } = await ddb.send(new GetItemCommand({ TableName: 'racing', Key: key('a'), ConsistentRead: true }));
    const at = await pointInTime();
    await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'racing',
        TargetTableName: 'racing-dst',
        RestoreDateTime: at,
      }),
    );
    await untilActive(ddb, 'racing-dst');
    expect(await contentOf(ddb, 'racing-dst')).toEqual({ 'a/1': Item });
  });
});
