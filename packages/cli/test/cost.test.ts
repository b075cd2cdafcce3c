import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  CreateTableCommand,
  DescribeBackupCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICE_TABLE } from '../../core/src/cost/priceTable.js';
import type { CostReport } from '../../core/src/cost/runCostEstimate.js';
import { runCli } from './restoreHarness.js';

// `dynamo-dr cost` on a table with a local and a global index and an on-demand backup: every figure equals the
// computation below, done by hand from what DescribeTable and ListBackups report and the repository's price table.
let sandbox: Sandbox;
let workDir: string;
let ddb: DynamoDBClient;

const cli = (...args: string[]) => runCli(sandbox, workDir, ['cost', ...args]);

beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
  workDir = await mkdtemp(path.join(tmpdir(), 'drcost-'));
  await writeFile(
    path.join(workDir, 'dynamo-dr.config.json'),
    JSON.stringify({ environments: { Prod: { tables: { Events: { tableName: 'Prod-Events' } } } } }),
  );
  const S = 'S' as const;
  await ddb.send(
    new CreateTableCommand({
      TableName: 'Prod-Events',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'ts', 'rule'].map((AttributeName) => ({ AttributeName, AttributeType: S })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byTime',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'ts', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byRule',
          KeySchema: [{ AttributeName: 'rule', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  const items = Array.from({ length: 20 }, (_, i) => ({
    pk: { S: `rule#MD-00${i % 3}` },
    sk: { S: `event#${String(i).padStart(4, '0')}` },
    // Only every other item has the index keys: an index holds only the items that have them.
    ...(i % 2 === 0 ? { ts: { S: `2026-11-${String(i + 1).padStart(2, '0')}` }, rule: { S: `MD-00${i % 3}` } } : {}),
    body: { S: 'x'.repeat(40 + i) },
  }));
  await ddb.send(
    new BatchWriteItemCommand({ RequestItems: { 'Prod-Events': items.map((Item) => ({ PutRequest: { Item } })) } }),
  );
  const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: 'Prod-Events', BackupName: 'before' }));
  for (let status = ''; status !== 'AVAILABLE';) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status =
      (await ddb.send(new DescribeBackupCommand({ BackupArn: BackupDetails?.BackupArn }))).BackupDescription
        ?.BackupDetails?.BackupStatus ?? '';
  }
}, 30_000);
afterAll(() => sandbox.stop());

describe('dynamo-dr cost', () => {
  it('prices PITR, backup storage, a restore, a drill and the exports as a hand computation does', async () => {
    const run = await cli('--json', '--growth-rate', '10', '--budget', '1000');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as CostReport;

    const table = (await ddb.send(new DescribeTableCommand({ TableName: 'Prod-Events' }))).Table!;
    const lsi = table.LocalSecondaryIndexes![0]!;
    const gsi = table.GlobalSecondaryIndexes![0]!;
    const backups = (await ddb.send(new ListBackupsCommand({ TableName: 'Prod-Events' }))).BackupSummaries!;
    expect(table.ItemCount).toBe(20);
    expect(lsi.ItemCount).toBe(10);
    // Billing adds 100 bytes to every item and to every entry of the local index (DescribeTable does not).
    const billed = table.TableSizeBytes! + 100 * 20 + lsi.IndexSizeBytes! + 100 * 10;
    const restored = billed + gsi.IndexSizeBytes! + 100 * gsi.ItemCount!;
    const backupBytes = backups[0]!.BackupSizeBytes!;
    expect(backupBytes).toBeGreaterThan(0);
    const p = PRICE_TABLE.regions['us-east-1'];
    const gb = (bytes: number) => bytes / 1e9;
    const pitr = gb(billed) * 0.2;
    const backupStorage = gb(backupBytes) * 0.1;
    const restore = gb(restored) * 0.15;
    const verificationReads = 2 * Math.ceil(table.TableSizeBytes! / 8192);

    const [cost] = report.tables;
    expect(cost?.bytes).toEqual({
      reported: table.TableSizeBytes! + lsi.IndexSizeBytes!,
      billed,
      restored,
      backups: backupBytes,
    });
    const close = (actual: number | undefined, expected: number) => expect((actual ?? 0) / expected).toBeCloseTo(1, 12);
    close(cost?.monthly.pitrUsd, pitr);
    close(cost?.monthly.backupStorageUsd, backupStorage);
    close(cost?.once.restoreUsd, restore);
    close(cost?.once.drillUsd, restore + (verificationReads / 1e6) * 0.125);
    close(cost?.once.fullExportUsd, gb(billed) * 0.1);
    close(cost?.once.incrementalExportMaxUsd, gb(billed) * p.incrementalExportPerGb.usd);
    close(report.monthly.totalUsd, pitr + backupStorage);
    close(report.projection[11]?.totalUsd, (pitr + backupStorage) * 1.1 ** 12);
    expect(report.budget).toEqual({ monthlyUsd: 1000, overNow: false });
    expect(report.unconfirmedPrices).toEqual(['incrementalExportPerGb']);
    expect(report.runbookClaim).toMatchObject({ priceMatches: true, holds: true, twentyFiveGbBilledUsd: 5 });
  });

  it('exits 1 over budget, and prints the runbook verdict', async () => {
    const run = await cli('--budget', '0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Budget \$0\.00 a month: OVER BUDGET now/);
    expect(run.stderr).toContain("The runbook's price holds: PITR is $0.20 per GB-month here.");
    expect(run.stderr).toMatch(/Over budget: backups cost \$0\.00000\d+ a month, the budget is \$0\.00\./);
  });

  it.each([
    [['--budget', '-5'], 'error: --budget "-5" is not a number from 0 to 1000000000'],
    [['--growth-rate', 'ten'], 'error: --growth-rate "ten" is not a number from -100 to 1000'],
    [['--environment', 'Staging'], 'error: --environment "Staging" is not in the configuration'],
    [['--region', 'eu-west-9'], 'error: --region "eu-west-9" has no prices in the price table'],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
