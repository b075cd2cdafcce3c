import {
  CreateBackupCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTagsOfResourceCommand,
  PutItemCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
  UpdateItemCommand,
  DeleteItemCommand,
} from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { contentOf, expectAwsError, pointInTime, untilActive, untilBackupAvailable } from './conformanceTarget.js';
import { createTestTable } from './tables.js';

// Sandbox-only: with a data directory, tables, journal, settings and backups survive a restart.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-sandbox-'));
let sandbox: Sandbox | undefined;
afterAll(async () => {
  await sandbox?.stop(); // a no-op when the test stopped it already
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<DynamoDBClient> {
  sandbox = await startSandbox({ dataDir, restoreBaseMs: 20, backupCreateMs: 20 });
  return new DynamoDBClient(sandbox.clientConfig);
}

const key = (pk: string) => ({ pk: { S: pk }, sk: { N: '1' } });

it('restores to a point in time, and from a backup, after the sandbox restarts', async () => {
  let ddb = await start();
  const table = 'durable';
  await createTestTable(ddb, table, { Tags: [{ Key: 'k', Value: 'v' }], DeletionProtectionEnabled: true });
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: table,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  await pointInTime();
  await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key('a'), v: { N: '1' } } }));
  await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key('b'), v: { N: '1' } } }));
  const t = await pointInTime();
  await ddb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: key('a'),
      UpdateExpression: 'SET v = :v',
      ExpressionAttributeValues: { ':v': { N: '2' } },
    }),
  );
  await ddb.send(new DeleteItemCommand({ TableName: table, Key: key('b') }));
  const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: table, BackupName: 'before-restart' }));
  await ddb.send(new PutItemCommand({ TableName: table, Item: { ...key('c'), v: { N: '1' } } }));
  ddb.destroy();
  await sandbox?.stop();

  ddb = await start();
  await ddb.send(
    new RestoreTableToPointInTimeCommand({ SourceTableName: table, TargetTableName: 'at-t', RestoreDateTime: t }),
  );
  await untilBackupAvailable(ddb, BackupDetails?.BackupArn as string);
  await ddb.send(
    new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: 'at-backup' }),
  );
  await untilActive(ddb, 'at-t');
  await untilActive(ddb, 'at-backup');
  expect(await contentOf(ddb, 'at-t')).toEqual({
    'a/1': { ...key('a'), v: { N: '1' } },
    'b/1': { ...key('b'), v: { N: '1' } },
  });
  expect(await contentOf(ddb, 'at-backup')).toEqual({ 'a/1': { ...key('a'), v: { N: '2' } } });
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
  expect(Table?.ItemCount).toBe(2);
  expect((await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table?.TableArn }))).Tags).toEqual([
    { Key: 'k', Value: 'v' },
  ]);
  await expectAwsError(ddb.send(new DeleteTableCommand({ TableName: table })), 'ValidationException');
  ddb.destroy();
  await sandbox?.stop();
});

it('adopts a table its state does not know (a data directory from an older sandbox): its items become restorable', async () => {
  let ddb = await start();
  await createTestTable(ddb, 'legacy');
  await ddb.send(new PutItemCommand({ TableName: 'legacy', Item: { ...key('old'), v: { N: '1' } } }));
  ddb.destroy();
  await sandbox?.stop();
  fs.rmSync(path.join(dataDir, 'dynamodb', 'us-east-1', 'sandbox'), { recursive: true, force: true });

  ddb = await start();
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'legacy',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  await pointInTime();
  await ddb.send(new PutItemCommand({ TableName: 'legacy', Item: { ...key('new'), v: { N: '1' } } }));
  const t = await pointInTime();
  await ddb.send(new DeleteItemCommand({ TableName: 'legacy', Key: key('old') }));
  await ddb.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: 'legacy',
      TargetTableName: 'legacy-at-t',
      RestoreDateTime: t,
    }),
  );
  await untilActive(ddb, 'legacy-at-t');
  expect(Object.keys(await contentOf(ddb, 'legacy-at-t')).sort()).toEqual(['new/1', 'old/1']);
  ddb.destroy();
  await sandbox?.stop();
});

it('moves the data of a sandbox from before Regions into its default Region: its tables and journal are kept', async () => {
  let ddb = await start();
  await createTestTable(ddb, 'before-regions');
  await ddb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'before-regions',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  await pointInTime();
  await ddb.send(new PutItemCommand({ TableName: 'before-regions', Item: { ...key('a'), v: { N: '1' } } }));
  const t = await pointInTime();
  await ddb.send(new DeleteItemCommand({ TableName: 'before-regions', Key: key('a') }));
  ddb.destroy();
  await sandbox?.stop();
  // The layout of a sandbox before Regions: dynalite/ and sandbox/ at the top of the data directory.
  const regionDir = path.join(dataDir, 'dynamodb', 'us-east-1');
  for (const sub of ['dynalite', 'sandbox']) fs.renameSync(path.join(regionDir, sub), path.join(dataDir, sub));
  fs.rmSync(path.join(dataDir, 'dynamodb'), { recursive: true });

  ddb = await start();
  await ddb.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: 'before-regions',
      TargetTableName: 'before-regions-at-t',
      RestoreDateTime: t,
    }),
  );
  await untilActive(ddb, 'before-regions-at-t');
  expect(await contentOf(ddb, 'before-regions-at-t')).toEqual({ 'a/1': { ...key('a'), v: { N: '1' } } });
  expect(fs.existsSync(path.join(dataDir, 'dynalite')) || fs.existsSync(path.join(dataDir, 'sandbox'))).toBe(false);
  ddb.destroy();
  await sandbox?.stop();
});

it("keeps a deleted table's backup across a restart: its items are kept apart, the table's journal is dropped", async () => {
  let ddb = await start();
  await createTestTable(ddb, 'short-lived');
  await ddb.send(new PutItemCommand({ TableName: 'short-lived', Item: { ...key('a'), v: { N: '1' } } }));
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'short-lived' }));
  const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'short-lived', BackupName: 'final' }));
  await untilBackupAvailable(ddb, BackupDetails?.BackupArn as string);
  await ddb.send(new DeleteTableCommand({ TableName: 'short-lived' }));
  ddb.destroy();
  await sandbox?.stop();
  const regionDir = path.join(dataDir, 'dynamodb', 'us-east-1', 'sandbox');
  // Dropped once its file is closed.
  await expect.poll(() => fs.existsSync(path.join(regionDir, 'journal', `${Table?.TableId}.log`))).toBe(false);

  ddb = await start();
  await ddb.send(
    new RestoreTableFromBackupCommand({ BackupArn: BackupDetails?.BackupArn, TargetTableName: 'short-lived-again' }),
  );
  await untilActive(ddb, 'short-lived-again');
  expect(await contentOf(ddb, 'short-lived-again')).toEqual({ 'a/1': { ...key('a'), v: { N: '1' } } });
  ddb.destroy();
  await sandbox?.stop();
});
