import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListExportsCommand,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultRestoreSettings,
  digestTable,
  FileCheckpointStore,
  FileRunJournal,
  InputError,
  logicalNameOf,
  VerificationError,
  planRevert,
  previewRevert,
  runRevert,
  type RestoreContext,
  type RestoreRun,
  type RevertRequest,
} from '../../src/index.js';
import {
  awsResources,
  createSampleTable,
  sampleItem,
  tableContents,
  timeBetweenWrites,
} from '../restore/restoreFixtures.js';
import { recordRevertVerification, verifyRevertedSegment } from '../../src/revert/revertItems.js';
import { readTableRun, recordTable } from '../../src/runs/tableRun.js';

// Incremental exports: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html
const MIN_PERIOD_MS = 150;
const BUCKET = 'revert-exports';
const ITEMS = 30;
type Item = Record<string, AttributeValue>;

let sandbox: Sandbox;
let client: DynamoDBClient;
let s3: S3Client;
let tableNumber = 0;

beforeAll(async () => {
  sandbox = await startSandbox({
    exportMs: 50,
    backupCreateMs: 30,
    restoreBaseMs: 30,
    minIncrementalExportPeriodMs: MIN_PERIOD_MS,
  });
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient(sandbox.clientConfig);
  s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
afterAll(async () => {
  client.destroy();
  s3.destroy();
  await sandbox.stop();
});

const aws = () => ({ endpoint: sandbox.endpoint, region: sandbox.region });

async function context(): Promise<RestoreContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drrevert-')));
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: 'test@host',
  };
}

function request(table: string, incidentId: string, time: string, over: Partial<RevertRequest> = {}): RevertRequest {
  return {
    incidentId,
    pitrBackupTime: time,
    tables: [{ ...defaultRestoreSettings, tableName: table, logicalName: logicalNameOf(table), segments: 2 }],
    confirmations: [table],
    exportBucket: BUCKET,
    minExportPeriodMs: MIN_PERIOD_MS,
    ...over,
  };
}

const key = (i: number) => ({ pk: sampleItem(i).pk!, sk: sampleItem(i).sk! });
const put = (table: string, Item: Item) => client.send(new PutItemCommand({ TableName: table, Item }));
/** Puts many items, 25 a BatchWriteItem call (the sandbox applies every one: no unprocessed items without faults). */
async function putAll(table: string, items: readonly Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch } }));
  }
}
const del = (table: string, i: number) => client.send(new DeleteItemCommand({ TableName: table, Key: key(i) }));
const setV = (table: string, i: number, v: string) =>
  client.send(
    new UpdateItemCommand({
      TableName: table,
      Key: key(i),
      UpdateExpression: 'SET v = :v REMOVE doc',
      ExpressionAttributeValues: { ':v': { S: v } },
    }),
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every kind of write after T: updates, deletes, new items, delete-then-re-put, put-then-delete, same-value puts. */
async function incident(table: string): Promise<void> {
  for (let i = 0; i < 3; i++) await setV(table, i, `bad-${i}`);
  for (let i = 3; i < 6; i++) await del(table, i);
  for (let i = 6; i < 8; i++) {
    await del(table, i);
    await put(table, { ...sampleItem(i), v: { S: 're-put' } });
  }
  await put(table, sampleItem(8)); // the same item again: written, yet unchanged
  for (let i = 100; i < 103; i++) await put(table, sampleItem(i));
  await put(table, sampleItem(200));
  await del(table, 200);
}

async function exportsOf(table: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const { ExportSummaries } = await client.send(new ListExportsCommand({ TableArn: Table!.TableArn }));
  return ExportSummaries?.length ?? 0;
}

/** The digest of a PITR restore of `table` at `time`: what the table must equal after the revert. */
async function digestAt(table: string, time: string) {
  const target = `${table}-at-t`;
  await client.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: table,
      TargetTableName: target,
      RestoreDateTime: new Date(time),
    }),
  );
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: target }));
    if (Table?.TableStatus === 'ACTIVE') break;
    await sleep(20);
  }
  return digestTable({ client, tableName: target });
}

async function changedTable(): Promise<{ table: string; t: string; atT: string[] }> {
  const table = `Revert-${++tableNumber}`;
  await createSampleTable(client, table, ITEMS);
  const t = await timeBetweenWrites();
  const atT = await tableContents(client, table);
  await incident(table);
  await sleep(MIN_PERIOD_MS);
  return { table, t, atT };
}

describe('revert through an incremental export', () => {
  it('ends with exactly the table at T (the digest of a PITR restore at T), writing only the changed keys', async () => {
    const { table, t, atT } = await changedTable();
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-exact', t));
    const run = await runRevert(ctx, plan, { pollIntervalMs: 20 });

    expect(await tableContents(client, table)).toEqual(atT);
    expect(await digestTable({ client, tableName: table })).toEqual(await digestAt(table, t));
    const recorded = run.tables[table]!;
    expect(run.result).toBe('succeeded');
    // 3 updated + 3 deleted + 2 re-put items put back, 3 new ones deleted; the same-value put left alone.
    expect(recorded.counts.revert).toMatchObject({ written: 8, deleted: 3, unchanged: 1 });
    expect(recorded.verification).toMatchObject({ equal: true, count: 11 });
    expect(recorded.exports).toHaveLength(1);
    expect((await awsResources(client)).backups).toContain(`${table}-forensic-inc-exact:AVAILABLE`);
    expect(Date.parse(recorded.phases.sync!.startedAt)).toBeGreaterThanOrEqual(
      Date.parse(recorded.phases.backup!.endedAt!),
    );
    expect(await ctx.journal.readLock(table)).toBeUndefined();
  });

  it('--dry-run counts the puts and deletes and shows a sample, writing nothing', async () => {
    const { table, t } = await changedTable();
    const ctx = await context();
    const before = await tableContents(client, table);
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-dry', t));
    const [preview] = await previewRevert(ctx, plan, { pollIntervalMs: 20 });

    expect(preview).toMatchObject({ tableName: table, puts: 8, deletes: 3, unchanged: 1, conflicts: [] });
    expect(preview!.sample).toHaveLength(5);
    expect(await tableContents(client, table)).toEqual(before);
    expect(await ctx.journal.getRun('inc-dry')).toBeUndefined();
    expect((await awsResources(client)).backups.filter((b) => b.startsWith(`${table}-`))).toEqual([]);
  });

  it('--until undoes only the window, keeps later writes and reports a key written in both as a conflict', async () => {
    const table = `Revert-${++tableNumber}`;
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    await setV(table, 0, 'bad'); // window only: undone
    await setV(table, 1, 'bad'); // window, then later: a conflict
    await sleep(MIN_PERIOD_MS);
    const until = await timeBetweenWrites();
    await setV(table, 1, 'fixed-later');
    await setV(table, 2, 'later'); // later only: kept
    await sleep(MIN_PERIOD_MS);
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-until', t, { untilTime: until }));
    const run = await runRevert(ctx, plan, { pollIntervalMs: 20 });

    const now = await tableContents(client, table);
    const expected = Array.from({ length: ITEMS }, (_, i) => sampleItem(i));
    const withV = (i: number, v: string) => {
      const { doc: _doc, ...rest } = sampleItem(i);
      return { ...rest, v: { S: v } };
    };
    expected[1] = withV(1, 'fixed-later');
    expected[2] = withV(2, 'later');
    const table2 = `${table}-expected`;
    await client.send(
      new CreateTableCommand({
        TableName: table2,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    for (const item of expected) await put(table2, item);
    // The window's write to 0 undone, the later ones to 1 (a conflict, skipped) and 2 kept.
    expect(now).toEqual(await tableContents(client, table2));
    const recorded = run.tables[table]!;
    expect(recorded.conflicts).toEqual([key(1)]);
    expect(recorded.counts.revert).toMatchObject({ written: 1, deleted: 0 });
    expect(recorded.exports?.map((e) => e.part)).toEqual(['window', 'later']);

    // With overwrite, the conflicting key goes back to its image at T as well.
    const again = await context();
    const overwrite = await planRevert(
      client,
      aws(),
      again.journal,
      request(table, 'inc-until-overwrite', t, { untilTime: until, onConflict: 'overwrite' }),
    );
    await runRevert(again, overwrite, { pollIntervalMs: 20 });
    await put(table2, sampleItem(1));
    expect(await tableContents(client, table)).toEqual(await tableContents(client, table2));
  });

  it('more conflicts than a run record lists: the first 100 listed, every one counted and skipped', async () => {
    const table = `Revert-${++tableNumber}`;
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    const many = Array.from({ length: 120 }, (_, i) => 1000 + i);
    const writeAll = (v: string) =>
      putAll(
        table,
        many.map((n) => ({ ...sampleItem(n), v: { S: v } })),
      );
    await writeAll('bad'); // new keys in the window
    await sleep(MIN_PERIOD_MS);
    const until = await timeBetweenWrites();
    await writeAll('fixed-later'); // and written again after it: 120 conflicts
    await sleep(MIN_PERIOD_MS);
    const before = await tableContents(client, table);
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-many', t, { untilTime: until }));
    const run = await runRevert(ctx, plan, { pollIntervalMs: 20 });
    const recorded = run.tables[table]!;
    expect(recorded.conflicts).toHaveLength(100);
    expect(recorded.conflictCount).toBe(120);
    expect(new Set(recorded.conflicts!.map((k) => JSON.stringify(k))).size).toBe(100);
    expect(recorded.counts.revert).toMatchObject({ scanned: 120, written: 0, deleted: 0, unchanged: 0 });
    expect(await tableContents(client, table)).toEqual(before); // every conflict skipped
  });

  it('a reverted key changed again before it is read back: fails naming the key, the verification recorded unequal', async () => {
    const { table, t } = await changedTable();
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-read-back', t));
    // The read-back's reads wait; the write a writer the recovery did not hold makes lands first.
    sandbox.setLatency({ read: { fixedMs: 300 } });
    try {
      const failure = runRevert(ctx, plan, {
        pollIntervalMs: 20,
        onStep: (_table, step) => {
          if (step === 'VerifyRevertedSegment') void setV(table, 0, 'late');
        },
      });
      await expect(failure).rejects.toBeInstanceOf(VerificationError);
      await expect(failure).rejects.toThrow(
        new RegExp(`^1 reverted key\\(s\\) of ${table} differ from their image at .*"sk":\\{"N":"0"\\}`),
      );
    } finally {
      sandbox.setLatency(undefined);
    }
    const recorded = ((await ctx.journal.getRun('inc-read-back')) as RestoreRun).tables[table]!;
    expect(recorded.result).toBe('failed');
    expect(recorded.verification).toMatchObject({ equal: false });

    // The key put back by hand, the same command again: every key is read back anew, and now they are equal.
    await put(table, sampleItem(0));
    const again = await runRevert(ctx, plan, { pollIntervalMs: 20 });
    expect(again.tables[table]!.verification).toMatchObject({ equal: true });
    expect(await digestTable({ client, tableName: table })).toEqual(await digestAt(table, t));
  });

  it('one export of several data files: the segments take the files in turn, and the table ends exactly at T', async () => {
    const table = `Revert-${++tableNumber}`;
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    // More changed keys than the sandbox writes to one data file (10,000 lines): the export has two.
    await putAll(
      table,
      Array.from({ length: 10_050 }, (_, i) => sampleItem(1000 + i)),
    );
    await sleep(MIN_PERIOD_MS);
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-files', t));
    const run = await runRevert(ctx, plan, { pollIntervalMs: 20 });
    const recorded = run.tables[table]!;
    expect(recorded.exports).toHaveLength(1);
    // Each segment wrote the keys of its own file (10,000 and 50), none twice.
    expect(Object.values(recorded.revertedKeys ?? {}).sort((a, b) => a - b)).toEqual([50, 10_000]);
    expect(recorded.counts.revert).toMatchObject({ deleted: 10_050, written: 0 });
    expect(recorded.verification).toMatchObject({ equal: true, count: 10_050 });
    expect(await digestTable({ client, tableName: table })).toEqual(await digestAt(table, t));
  }, 120_000);

  it('a read-back cut off by its time budget goes on from its last chunk, and the chunks add up to the whole', async () => {
    const table = `Revert-${++tableNumber}`;
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    await putAll(
      table,
      Array.from({ length: 2_500 }, (_, i) => sampleItem(1000 + i)),
    );
    await sleep(MIN_PERIOD_MS);
    const base = await context();
    const plan = await planRevert(client, aws(), base.journal, {
      ...request(table, 'inc-budget', t),
      tables: [{ ...request(table, 'inc-budget', t).tables[0]!, segments: 1 }],
    });
    await runRevert(base, plan, { pollIntervalMs: 20 });
    expect(await tableContents(client, table)).toHaveLength(ITEMS); // the 2,500 keys deleted
    // Forget the read-back, then read back as a Lambda call with no time left after reading the exports would.
    const key = { kind: 'restore', incidentId: 'inc-budget', tableName: table } as const;
    await recordTable<RestoreRun>(base.journal, key, (r) => ({
      ...r,
      verification: undefined,
      revertChecked: undefined,
    }));
    const tablePlan = plan.tables[0]!;
    const ctx = { ...base, engineClient: client, s3, segmentBudgetMs: 0 };
    const checked: number[] = [];
    for (let call = 0; call < 5; call++) {
      const { done } = await verifyRevertedSegment(ctx, tablePlan, 0);
      const record = (await readTableRun<RestoreRun>(base.journal, key))!;
      checked.push(record.revertChecked![0]!.checked);
      if (done) break;
    }
    expect(checked).toEqual([1000, 2000, 2500]);
    await recordRevertVerification(ctx, tablePlan);
    const record = (await readTableRun<RestoreRun>(base.journal, key))!;
    expect(record.verification).toMatchObject({ equal: true, count: 2500 });
  });

  it('interrupted, then run again with the same incident: exact, and the recorded export is reused', async () => {
    const { table, t, atT } = await changedTable();
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-resume', t));
    const interrupted = new Error('killed');
    await expect(
      runRevert(ctx, plan, {
        pollIntervalMs: 20,
        onStep: (_table, step) => {
          if (step === 'RevertChangedSegment') throw interrupted;
        },
      }),
    ).rejects.toBe(interrupted);
    expect(await exportsOf(table)).toBe(1);

    const replanned = await planRevert(client, aws(), ctx.journal, request(table, 'inc-resume', t));
    const run = await runRevert(ctx, replanned, { pollIntervalMs: 20 });
    expect(run.result).toBe('succeeded');
    expect(await tableContents(client, table)).toEqual(atT);
    expect(await exportsOf(table)).toBe(1);
  });
});

describe('--verify full: the whole table against a PITR restore at T', () => {
  it('equal after a revert: recorded, and the temporary table deleted', async () => {
    const { table, t, atT } = await changedTable();
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-full', t, { verify: 'full' }));
    const run = await runRevert(ctx, plan, { pollIntervalMs: 20 });

    expect(await tableContents(client, table)).toEqual(atT);
    expect(run.tables[table]?.fullVerification).toMatchObject({ equal: true, differing: 0, count: ITEMS });
    expect((await awsResources(client)).tables.filter((name) => name.startsWith(`${table}-`))).toEqual([]);
  });

  it('a write outside the reverted keys during the revert: fails naming how many keys differ and a sample', async () => {
    const { table, t } = await changedTable();
    const ctx = await context();
    const plan = await planRevert(client, aws(), ctx.journal, request(table, 'inc-full-bad', t, { verify: 'full' }));
    const failure = runRevert(ctx, plan, {
      pollIntervalMs: 20,
      // A writer the recovery did not hold: it adds a key and changes one the revert did not touch.
      onStep: (_table, step) => {
        if (step === 'StartFullVerification') {
          void put(table, sampleItem(300)).then(() => setV(table, 20, 'late'));
        }
      },
    });
    await expect(failure).rejects.toBeInstanceOf(VerificationError);
    await expect(failure).rejects.toThrow(
      new RegExp(`^2 key\\(s\\) of ${table} differ from a PITR restore of it at .*"sk":\\{"N":"300"\\}`),
    );
    const recorded = ((await ctx.journal.getRun('inc-full-bad')) as RestoreRun).tables[table]!;
    expect(recorded.result).toBe('failed');
    expect(recorded.fullVerification).toMatchObject({ equal: false, differing: 2 });
    expect((await awsResources(client)).tables.filter((name) => name.startsWith(`${table}-`))).toEqual([]);
  });
});

describe('a revert refuses bad input before anything changes', () => {
  async function refused(over: (table: string, t: string) => Partial<RevertRequest>, field: string, table?: string) {
    const name = table ?? `Revert-${++tableNumber}`;
    if (!table) await createSampleTable(client, name, 5);
    const t = await timeBetweenWrites();
    await put(name, sampleItem(50));
    await sleep(MIN_PERIOD_MS);
    const before = await tableContents(client, name);
    const ctx = await context();
    const error = await planRevert(client, aws(), ctx.journal, request(name, 'inc-bad', t, over(name, t))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(await tableContents(client, name)).toEqual(before);
    expect(await exportsOf(name)).toBe(0);
    expect((await awsResources(client)).backups.filter((b) => b.startsWith(`${name}-`))).toEqual([]);
    return error as InputError;
  }

  it('an unknown bucket', async () => {
    const error = await refused(() => ({ exportBucket: 'no-such-bucket' }), 'exportBucket');
    expect(error.message).toContain('no-such-bucket');
  });

  it('a time outside the restorable window', async () => {
    await refused(() => ({ pitrBackupTime: '2001-01-01T00:00:00Z' }), 'pitrBackupTime');
  });

  it('a window shorter than the shortest incremental export', async () => {
    const error = await refused(() => ({ minExportPeriodMs: 3_600_000 }), 'pitrBackupTime');
    expect(error.message).toContain('60 minutes');
  });

  it('--verify full with --until: the table at T is not what --until keeps', async () => {
    const error = await refused(
      (_, t) => ({ verify: 'full', untilTime: new Date(Date.parse(t) + 1000).toISOString() }),
      'verify',
    );
    expect(error.message).toContain('an end to the undone window keeps the writes after it');
  });

  it('an end of the window before the time', async () => {
    const error = await refused((_, t) => ({ untilTime: new Date(Date.parse(t) - 1000).toISOString() }), 'untilTime');
    expect(error.message).toContain('is not between the time');
  });

  it('point-in-time recovery off', async () => {
    const name = `Revert-${++tableNumber}`;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await put(name, { pk: { S: 'a' } });
    await refused(() => ({}), 'tableName', name);
  });
});
