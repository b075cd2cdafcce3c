import {
  CreateBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListBackupsCommand,
  ListTablesCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  TagResourceCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { children } from '../childProcesses.js';
import { contentOf, expectAwsError, pointInTime, untilActive, untilBackupAvailable } from './conformanceTarget.js';
import { createPitrTable, createTestTable } from './tables.js';

// The sandbox keeps DynamoDB per Region, as AWS does: each request reaches the tables of the Region it is signed
// for, and a restore called in one Region may take its source from another by ARN
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.Tutorial.html).

const EAST = 'us-east-1';
const WEST = 'eu-west-1';

let sandbox: Sandbox;
let east: DynamoDBClient;
let west: DynamoDBClient;
const clientIn = (region: string) => new DynamoDBClient({ ...sandbox.clientConfig, region });
beforeAll(async () => {
  sandbox = await startSandbox({ region: EAST, restoreBaseMs: 20, backupCreateMs: 20 });
  east = clientIn(EAST);
  west = clientIn(WEST);
});
afterAll(async () => {
  east.destroy();
  west.destroy();
  await sandbox.stop();
});

const arnOf = (region: string, table: string) => `arn:aws:dynamodb:${region}:${SANDBOX_ACCOUNT}:table/${table}`;
const item = (pk: string, v: string): Record<string, AttributeValue> => ({
  pk: { S: pk },
  sk: { N: '1' },
  v: { S: v },
});

async function tableNames(ddb: DynamoDBClient): Promise<string[]> {
  return ((await ddb.send(new ListTablesCommand({}))).TableNames ?? []).sort();
}

describe('same-named tables in two Regions', () => {
  it('are two tables: created, written, described, backed up and deleted each on their own', async () => {
    await createPitrTable(east, 'orders');
    await createTestTable(west, 'orders');
    await east.send(new PutItemCommand({ TableName: 'orders', Item: item('a', 'east') }));
    await east.send(new PutItemCommand({ TableName: 'orders', Item: item('b', 'east') }));
    await west.send(new PutItemCommand({ TableName: 'orders', Item: item('a', 'west') }));

    expect(await contentOf(east, 'orders')).toEqual({ 'a/1': item('a', 'east'), 'b/1': item('b', 'east') });
    expect(await contentOf(west, 'orders')).toEqual({ 'a/1': item('a', 'west') });
    const [eastTable, westTable] = await Promise.all(
      [east, west].map(async (ddb) => (await ddb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table),
    );
    expect(eastTable).toMatchObject({ TableArn: arnOf(EAST, 'orders'), ItemCount: 2 });
    expect(westTable).toMatchObject({ TableArn: arnOf(WEST, 'orders'), ItemCount: 1 });
    expect(eastTable?.TableId).not.toBe(westTable?.TableId);
    // PITR is on in one Region only.
    const pitrIn = async (ddb: DynamoDBClient) =>
      (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' }))).ContinuousBackupsDescription
        ?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    expect([await pitrIn(east), await pitrIn(west)]).toEqual(['ENABLED', 'DISABLED']);

    const { BackupDetails } = await east.send(new CreateBackupCommand({ TableName: 'orders', BackupName: 'east' }));
    expect(BackupDetails?.BackupArn).toMatch(new RegExp(`^${arnOf(EAST, 'orders')}/backup/`));
    expect((await west.send(new ListBackupsCommand({}))).BackupSummaries).toEqual([]);
    await expectAwsError(
      west.send(new DescribeBackupCommand({ BackupArn: BackupDetails?.BackupArn })),
      'BackupNotFoundException',
    );
    // A table ARN of the other Region names nothing here.
    await expectAwsError(
      west.send(new TagResourceCommand({ ResourceArn: arnOf(EAST, 'orders'), Tags: [{ Key: 'k', Value: 'v' }] })),
      'ResourceNotFoundException',
    );

    await west.send(new DeleteTableCommand({ TableName: 'orders' }));
    // DELETING, then gone (dynalite drops it on a timer right after answering).
    await expect.poll(() => tableNames(west)).not.toContain('orders');
    expect(await contentOf(east, 'orders')).toEqual({ 'a/1': item('a', 'east'), 'b/1': item('b', 'east') });
  });
});

describe('cross-Region restores, called in the target Region with the source ARN', () => {
  it("RestoreTableToPointInTime restores the source Region's data at T into a new table in the target Region", async () => {
    await createPitrTable(east, 'ledger');
    await east.send(new PutItemCommand({ TableName: 'ledger', Item: item('a', 'at-t') }));
    const t = await pointInTime();
    await east.send(new PutItemCommand({ TableName: 'ledger', Item: item('a', 'after-t') }));
    await east.send(new PutItemCommand({ TableName: 'ledger', Item: item('b', 'after-t') }));
    // A same-named table in the target Region, with other content, is not what is restored.
    await createTestTable(west, 'ledger');
    await west.send(new PutItemCommand({ TableName: 'ledger', Item: item('z', 'west') }));

    const { TableDescription } = await west.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableArn: arnOf(EAST, 'ledger'),
        TargetTableName: 'ledger-dr',
        RestoreDateTime: t,
        SSESpecificationOverride: { Enabled: false },
      }),
    );
    expect(TableDescription).toMatchObject({
      TableArn: arnOf(WEST, 'ledger-dr'),
      RestoreSummary: { SourceTableArn: arnOf(EAST, 'ledger'), RestoreInProgress: true },
    });
    await untilActive(west, 'ledger-dr');
    expect(await contentOf(west, 'ledger-dr')).toEqual({ 'a/1': item('a', 'at-t') });
    // Keys and indexes come from the source, as in a same-Region restore.
    const restored = (await west.send(new DescribeTableCommand({ TableName: 'ledger-dr' }))).Table;
    expect(restored?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['byG']);
    expect(await tableNames(east)).not.toContain('ledger-dr');
  });

  it('is refused without SSESpecificationOverride (AWS requires it across Regions), creating nothing', async () => {
    await createPitrTable(east, 'needs-sse');
    await expectAwsError(
      west.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableArn: arnOf(EAST, 'needs-sse'),
          TargetTableName: 'needs-sse-dr',
          UseLatestRestorableTime: true,
        }),
      ),
      'ValidationException',
      /SSESpecificationOverride is required for a cross-Region restore: the source table .*needs-sse is in us-east-1, the restore in eu-west-1/,
    );
    expect(await tableNames(west)).not.toContain('needs-sse-dr');
  });

  it.each([
    ['a table the source Region lacks', arnOf(EAST, 'no-such-table')],
    ['a Region that holds nothing', arnOf('ap-south-1', 'ledger')],
    ['another account', `arn:aws:dynamodb:${EAST}:999999999999:table/ledger`],
  ])('names a missing source (%s) with TableNotFoundException, creating nothing', async (_case, arn) => {
    await expectAwsError(
      west.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableArn: arn,
          TargetTableName: 'missing-dr',
          UseLatestRestorableTime: true,
          SSESpecificationOverride: { Enabled: false },
        }),
      ),
      'TableNotFoundException',
    );
    expect(await tableNames(west)).not.toContain('missing-dr');
  });

  it('a SourceTableName is looked up in the Region the request is signed for', async () => {
    await createPitrTable(east, 'only-east');
    await expectAwsError(
      west.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'only-east',
          TargetTableName: 'only-east-dr',
          UseLatestRestorableTime: true,
        }),
      ),
      'TableNotFoundException',
      /only-east/,
    );
  });

  it("RestoreTableFromBackup restores another Region's backup into the target Region", async () => {
    await createTestTable(east, 'archive');
    await east.send(new PutItemCommand({ TableName: 'archive', Item: item('kept', 'in-backup') }));
    const { BackupDetails } = await east.send(new CreateBackupCommand({ TableName: 'archive', BackupName: 'nightly' }));
    await east.send(new PutItemCommand({ TableName: 'archive', Item: item('later', 'not-in-backup') }));
    await untilBackupAvailable(east, BackupDetails?.BackupArn as string);

    await west.send(
      new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: 'archive-dr' }),
    );
    await untilActive(west, 'archive-dr');
    expect(await contentOf(west, 'archive-dr')).toEqual({ 'kept/1': item('kept', 'in-backup') });
    const { Table } = await west.send(new DescribeTableCommand({ TableName: 'archive-dr' }));
    expect(Table?.RestoreSummary).toMatchObject({
      SourceBackupArn: BackupDetails?.BackupArn,
      SourceTableArn: arnOf(EAST, 'archive'),
    });
  });
});

describe('Region processes', () => {
  it('a Region starts its engine at its first request, and a request signed for no Region is refused', async () => {
    const before = children();
    const south = clientIn('ap-southeast-2');
    expect(await tableNames(south)).toEqual([]);
    expect(children().filter((pid) => !before.includes(pid))).toHaveLength(1);
    const local = clientIn('local');
    await expectAwsError(local.send(new ListTablesCommand({})), 'InvalidSignatureException', /'local'/);
    expect(children().filter((pid) => !before.includes(pid))).toHaveLength(1);
    south.destroy();
    local.destroy();
  });

  it("stops every Region's engine on stop(), and fails loudly when one of them dies", async () => {
    const before = children();
    const own = await startSandbox();
    const ddb = new DynamoDBClient({ ...own.clientConfig, region: WEST });
    await ddb.send(new ListTablesCommand({}));
    const started = children().filter((pid) => !before.includes(pid));
    expect(started).toHaveLength(2);
    process.kill(started[1] as number, 'SIGKILL');
    expect((await own.failed).message).toMatch(/^dynalite was killed by SIGKILL/);
    expect(children().filter((pid) => started.includes(pid))).toEqual([]);
    ddb.destroy();
  });
});

describe('with a data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-regions-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('every Region keeps its tables, journal and backups across a restart', async () => {
    let own = await startSandbox({ dataDir, restoreBaseMs: 20 });
    let ddb = new DynamoDBClient({ ...own.clientConfig, region: WEST });
    await createPitrTable(ddb, 'kept');
    await ddb.send(new PutItemCommand({ TableName: 'kept', Item: item('a', 'before') }));
    const t = await pointInTime();
    await ddb.send(new PutItemCommand({ TableName: 'kept', Item: item('a', 'after') }));
    ddb.destroy();
    await own.stop();

    own = await startSandbox({ dataDir, restoreBaseMs: 20 });
    ddb = new DynamoDBClient({ ...own.clientConfig, region: WEST });
    const home = new DynamoDBClient(own.clientConfig);
    try {
      expect(await tableNames(home)).toEqual([]);
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'kept',
          TargetTableName: 'kept-t',
          RestoreDateTime: t,
        }),
      );
      await untilActive(ddb, 'kept-t');
      expect(await contentOf(ddb, 'kept-t')).toEqual({ 'a/1': item('a', 'before') });
    } finally {
      ddb.destroy();
      home.destroy();
      await own.stop();
    }
  });
});
