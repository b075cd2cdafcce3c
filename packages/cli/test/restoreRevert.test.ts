import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeTableCommand, DynamoDBClient, ListExportsCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { RestoreRun, RestoreTableRun } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsResources,
  createSampleTable,
  sampleItem,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { runCli, startCli } from './restoreHarness.js';

/** The table's part of a run as the journal file has it now (absent while it is not written, or being replaced). */
async function recordedTable(dir: string, incident: string, table: string): Promise<RestoreTableRun | undefined> {
  try {
    const run = JSON.parse(
      await readFile(path.join(dir, '.dynamo-dr', 'runs', `${incident}.json`), 'utf8'),
    ) as RestoreRun;
    return run.tables[table];
  } catch {
    return undefined;
  }
}

// The sandbox accepts incremental exports of a second or more, and the configuration says so (AWS: 15 minutes).
const MIN_PERIOD_MS = 1000;
const TABLE = 'Prod-Orders-Revert';
const BUCKET = 'dr-exports';
const KILLED = 'Prod-Ledger-Revert';

let sandbox: Sandbox;
let client: DynamoDBClient;
let dir: string;
let t: string;
let atT: string[];

beforeAll(async () => {
  sandbox = await startSandbox({ exportMs: 50, backupCreateMs: 30, minIncrementalExportPeriodMs: MIN_PERIOD_MS });
  client = new DynamoDBClient(sandbox.clientConfig);
  const s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  s3.destroy();
  await createSampleTable(client, TABLE, 20);
  t = await timeBetweenWrites();
  atT = await tableContents(client, TABLE);
  for (let i = 0; i < 4; i++) {
    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: sampleItem(i).pk!, sk: sampleItem(i).sk! },
        UpdateExpression: 'SET bad = :b',
        ExpressionAttributeValues: { ':b': { BOOL: true } },
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS + 50));
  dir = await mkdtemp(path.join(tmpdir(), 'drrevert-'));
  const config = {
    defaults: { minExportPeriodSeconds: MIN_PERIOD_MS / 1000 },
    environments: { Prod: { tables: { Orders: { tableName: TABLE }, Ledger: { tableName: KILLED } } } },
  };
  await writeFile(path.join(dir, 'dynamo-dr.config.json'), JSON.stringify(config));
});
afterAll(async () => {
  client.destroy();
  await sandbox.stop();
});

const revertArgs = (table: string, time: string, incident: string, ...extra: string[]) => [
  'restore',
  '--table',
  table,
  '--to',
  time,
  '--incident',
  incident,
  '--confirm',
  table,
  '--mode',
  'revert',
  '--allow-live-writes',
  ...extra,
];

const revert = (...extra: string[]) =>
  runCli(sandbox, dir, [
    'restore',
    '--table',
    TABLE,
    '--to',
    t,
    '--incident',
    'inc-revert',
    '--confirm',
    TABLE,
    '--mode',
    'revert',
    '--allow-live-writes',
    '--json',
    ...extra,
  ]);

async function exportCount(table = TABLE): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const { ExportSummaries } = await client.send(new ListExportsCommand({ TableArn: Table!.TableArn }));
  return ExportSummaries?.length ?? 0;
}

describe('dynamo-dr restore --mode revert', () => {
  it('refuses bad input with exit 2, naming the flag, before any export or backup', async () => {
    const before = await tableContents(client, TABLE);
    const unknown = await revert('--export-bucket', 'no-such-bucket');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--export-bucket "no-such-bucket" does not exist/);
    const missing = await revert();
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--export-bucket is required with --mode revert/);
    const onStepFunctions = await revert('--export-bucket', BUCKET, '--executor', 'step-functions');
    expect(onStepFunctions.code).toBe(2);
    expect(onStepFunctions.stderr).toMatch(/--executor "step-functions" needs a deployed stack/);
    const untilWithDelta = await runCli(sandbox, dir, ['restore', '--table', TABLE, '--to', t, '--until', t]);
    expect(untilWithDelta.code).toBe(2);
    expect(untilWithDelta.stderr).toMatch(/--until .* applies to --mode revert only/);
    const fullWithUntil = await revert('--export-bucket', BUCKET, '--verify', 'full', '--until', t);
    expect(fullWithUntil.code).toBe(2);
    expect(fullWithUntil.stderr).toMatch(/--verify "full" compares the table with a PITR restore at the time/);
    expect(fullWithUntil.stderr).not.toContain('untilTime'); // flags, never core's field names
    expect(await tableContents(client, TABLE)).toEqual(before);
    expect(await exportCount()).toBe(0);
    expect((await awsResources(client)).backups).toEqual([]);
  }, 120_000);

  it('--dry-run counts the puts and deletes; the run then brings the table back to T and records its counts', async () => {
    const dry = await revert('--export-bucket', BUCKET, '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).preview).toMatchObject([{ tableName: TABLE, puts: 4, deletes: 0 }]);
    expect(await tableContents(client, TABLE)).not.toEqual(atT);

    const run = await revert('--export-bucket', BUCKET, '--export-prefix', 'orders');
    expect(run.code, run.stderr).toBe(0);
    expect(await tableContents(client, TABLE)).toEqual(atT);
    const recorded = JSON.parse(run.stdout);
    expect(recorded).toMatchObject({
      result: 'succeeded',
      tables: { [TABLE]: { counts: { revert: { written: 4 } } } },
    });
    expect(recorded.tables[TABLE].exports).toHaveLength(1);
  });

  it('killed (-9) while writing, then the same command again: exactly the table at T, with no second export', async () => {
    await createSampleTable(client, KILLED, 40);
    const time = await timeBetweenWrites();
    const atTime = await tableContents(client, KILLED);
    await simulateIncident(client, KILLED, 40);
    await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS + 50));
    // Capped write capacity stretches the writes over seconds.
    sandbox.setFaults(KILLED, { writeUnitsPerSecond: 5 });
    const args = revertArgs(KILLED, time, 'inc-killed', '--export-bucket', BUCKET);
    const { child, done } = startCli(sandbox, dir, args);
    let writing = false;
    for (const started = Date.now(); !writing && Date.now() - started < 60_000;) {
      const run = await recordedTable(dir, 'inc-killed', KILLED);
      writing = !!run?.phases.sync && !run.phases.sync.endedAt;
      if (!writing) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(writing).toBe(true);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(await tableContents(client, KILLED)).not.toEqual(atTime);

    sandbox.setFaults(KILLED, {});
    const resumed = await runCli(sandbox, dir, args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(await tableContents(client, KILLED)).toEqual(atTime);
    expect(await exportCount(KILLED)).toBe(1);
  });
});
