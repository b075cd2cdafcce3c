import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListExportsCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  digestTable,
  FileRunJournal,
  InputError,
  planExportItems,
  planS3Export,
  runRestoreItems,
  runS3Export,
  verifyS3Export,
  type RunContext,
  type S3ExportRequest,
  type S3ExportRun,
} from '../../src/index.js';
import { createSampleTable, sampleItem, tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';

// Full exports: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html
const BUCKET = 'audit-exports';
const ITEMS = 40;

let sandbox: Sandbox;
let client: DynamoDBClient;
let s3: S3Client;
let tableNumber = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ exportMs: 50 });
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

async function context(): Promise<RunContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drs3export-')));
  return { dynamodb: client, aws: aws(), journal, startedBy: 'test@host' };
}

async function sampleTable(): Promise<string> {
  const name = `audit-${++tableNumber}`;
  await createSampleTable(client, name, ITEMS);
  return name;
}

async function exportsOf(table: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
  const { ExportSummaries } = await client.send(new ListExportsCommand({ TableArn: Table!.TableArn }));
  return ExportSummaries?.length ?? 0;
}

async function exportOf(ctx: RunContext, request: S3ExportRequest) {
  return runS3Export(ctx, await planS3Export(client, aws(), ctx.journal, request), { pollIntervalMs: 10 });
}

const field = (error: unknown) => (error instanceof InputError ? error.field : String(error));

describe('export --via s3: validation before any export starts', () => {
  it.each([
    ['an unknown bucket', { bucket: 'no-such-bucket' }, 'bucket'],
    ['a bucket name with a path', { bucket: 's3://audit-exports/x' }, 'bucket'],
    ['a prefix with a control character', { prefix: 'a\u0001b' }, 'prefix'],
    ['a time outside the restorable window', { at: '2001-01-01T00:00:00Z' }, 'at'],
    ['a time without an offset', { at: '2026-01-01T00:00:00' }, 'at'],
    ['a bad incident id', { incidentId: '../x' }, 'incidentId'],
  ] as const)('refuses %s, naming the field, and starts no export', async (_what, over, expected) => {
    const table = await sampleTable();
    const ctx = await context();
    const error = await planS3Export(client, aws(), ctx.journal, { tableName: table, bucket: BUCKET, ...over }).catch(
      (e: unknown) => e,
    );
    expect(field(error)).toBe(expected);
    expect(await exportsOf(table)).toBe(0);
  });

  it('refuses a table with PITR off, naming the table', async () => {
    const table = `audit-nopitr-${++tableNumber}`;
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    const ctx = await context();
    const error = await planS3Export(client, aws(), ctx.journal, { tableName: table, bucket: BUCKET }).catch(
      (e: unknown) => e,
    );
    expect(field(error)).toBe('tableName');
    expect((error as Error).message).toMatch(/point-in-time recovery disabled/);
    expect(await exportsOf(table)).toBe(0);
  });
});

describe('export --via s3', () => {
  it('exports the table as it was at T, journals the run, and a rerun attaches to the same export', async () => {
    const table = await sampleTable();
    const at = await timeBetweenWrites();
    const before = await digestTable({ client, tableName: table });
    await client.send(new PutItemCommand({ TableName: table, Item: sampleItem(500) }));
    const ctx = await context();
    const request = { tableName: table, bucket: BUCKET, prefix: 'audits/orders', at, incidentId: 'audit-1' };

    const first = await exportOf(ctx, request);
    expect(first).toMatchObject({ itemCount: ITEMS, attached: false, bucket: BUCKET, incidentId: 'export-audit-1' });
    expect(first.manifestKey).toMatch(/^audits\/orders\/AWSDynamoDB\/[\w-]+\/manifest-summary\.json$/);
    const run = await ctx.journal.getRun('export-audit-1');
    expect(run).toMatchObject({ kind: 'export', result: 'succeeded' });
    expect((run as unknown as S3ExportRun).tables[table]).toMatchObject({
      exportArn: first.exportArn,
      exported: ITEMS,
    });

    const again = await exportOf(ctx, { ...request, at: undefined });
    expect(again).toMatchObject({ exportArn: first.exportArn, attached: true });
    expect(await exportsOf(table)).toBe(1);

    // The export holds the table at T: the item written after T is not in it.
    const verified = await verifyS3Export(first.manifestUri, { dynamodb: client, aws: aws() });
    expect(verified).toMatchObject({ ok: true, differences: [], actual: { itemCount: ITEMS, digest: before.digest } });
  });

  it('a run stopped while the export is IN_PROGRESS is resumed by the same incident, attaching to that export', async () => {
    const table = await sampleTable();
    const ctx = await context();
    const request = { tableName: table, bucket: BUCKET, incidentId: 'audit-stopped' };
    const plan = await planS3Export(client, aws(), ctx.journal, request);
    // A deadline already passed stops the run at its first poll, after the export was started and recorded.
    const stopped = await runS3Export(ctx, plan, { deadlineMinutes: 0 }).catch((e: unknown) => e);
    expect((stopped as Error).name).toBe('DeadlineExceededError');
    expect(await ctx.journal.getRun('export-audit-stopped')).toMatchObject({ result: 'failed' });

    const resumed = await exportOf(ctx, request);
    expect(resumed).toMatchObject({ attached: true, itemCount: ITEMS });
    expect(await exportsOf(table)).toBe(1);
    expect(await ctx.journal.getRun('export-audit-stopped')).toMatchObject({ result: 'succeeded' });
  });

  it('a rerun of the same incident with another bucket or time is refused', async () => {
    const table = await sampleTable();
    const ctx = await context();
    await exportOf(ctx, { tableName: table, bucket: BUCKET, incidentId: 'audit-2' });
    const other = await planS3Export(client, aws(), ctx.journal, {
      tableName: table,
      bucket: BUCKET,
      prefix: 'elsewhere',
      incidentId: 'audit-2',
    }).catch((e: unknown) => e);
    expect(field(other)).toBe('incidentId');
    expect(await exportsOf(table)).toBe(1);
  });
});

describe('export verify (an S3 export)', () => {
  it('passes an intact export by ARN, and compares with the table when it was not written since', async () => {
    const table = await sampleTable();
    const done = await exportOf(await context(), { tableName: table, bucket: BUCKET });
    const verified = await verifyS3Export(done.exportArn, { dynamodb: client, aws: aws(), againstTable: true });
    expect(verified.ok).toBe(true);
    expect(verified.table).toMatchObject({ tableName: table, count: ITEMS, equal: true });

    await client.send(
      new DeleteItemCommand({ TableName: table, Key: { pk: sampleItem(0).pk!, sk: sampleItem(0).sk! } }),
    );
    const after = await verifyS3Export(done.exportArn, { dynamodb: client, aws: aws(), againstTable: true });
    expect(after.ok).toBe(false);
    expect(after.differences).toEqual([expect.stringContaining(`the table ${table} holds ${ITEMS - 1} item(s)`)]);
  });

  it('names the data file that was changed, and how', async () => {
    const table = await sampleTable();
    const done = await exportOf(await context(), { tableName: table, bucket: BUCKET, prefix: 'corrupt' });
    const [file] = (await verifyS3Export(done.manifestUri, { dynamodb: client, aws: aws() })).files;
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: file!.key }));
    const lines = gunzipSync(await Body!.transformToByteArray())
      .toString('utf8')
      .trim()
      .split('\n');
    const fewer = gzipSync(`${lines.slice(1).join('\n')}\n`);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: file!.key, Body: fewer }));

    const verified = await verifyS3Export(done.manifestUri, { dynamodb: client, aws: aws() });
    expect(verified.ok).toBe(false);
    expect(verified.files.find((f) => f.key === file!.key)?.ok).toBe(false);
    expect(verified.differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${file!.key}: MD5 is .*, manifest-files.json says`)),
        `${file!.key}: holds ${ITEMS - 1} item(s), manifest-files.json says ${ITEMS}`,
      ]),
    );
  });

  it('names a data file that is no longer gzipped JSON lines', async () => {
    const table = await sampleTable();
    const done = await exportOf(await context(), { tableName: table, bucket: BUCKET, prefix: 'garbled' });
    const [file] = (await verifyS3Export(done.manifestUri, { dynamodb: client, aws: aws() })).files;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: file!.key, Body: 'not gzip' }));
    const verified = await verifyS3Export(done.exportArn, { dynamodb: client, aws: aws() });
    expect(verified.ok).toBe(false);
    expect(verified.differences).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${file!.key}: cannot be read as gzipped JSON lines`)),
      ]),
    );
  });

  it('refuses what names no export, naming the field', async () => {
    for (const ref of ['s3://audit-exports/nothing/here', 's3://audit-exports/AWSDynamoDB/0123-abc/', 'arn:aws:x']) {
      const error = await verifyS3Export(ref, { dynamodb: client, aws: aws() }).catch((e: unknown) => e);
      expect(field(error)).toBe('export');
    }
  });
});

describe('restore-items --from-export', () => {
  it("puts back the export's items into the table, journaled and read back; a dry run writes nothing", async () => {
    const table = await sampleTable();
    const ctx = await context();
    const done = await exportOf(ctx, { tableName: table, bucket: BUCKET });
    const atExport = await tableContents(client, table);
    for (let i = 0; i < 5; i++) {
      await client.send(
        new DeleteItemCommand({ TableName: table, Key: { pk: sampleItem(i).pk!, sk: sampleItem(i).sk! } }),
      );
    }
    await client.send(new PutItemCommand({ TableName: table, Item: sampleItem(900) }));
    const request = { tableName: table, confirmation: table, overwriteChanged: false, deleteMissing: false };

    const plan = await planExportItems(client, aws(), { ...request, export: done.manifestUri });
    const dry = await runRestoreItems(ctx, plan, { dryRun: true });
    expect(dry.preview).toMatchObject({ selected: ITEMS, counts: { new: 5, unchanged: ITEMS - 5 } });
    expect(await tableContents(client, table)).toHaveLength(ITEMS - 5 + 1);

    const result = await runRestoreItems(
      ctx,
      await planExportItems(client, aws(), { ...request, export: done.exportArn }),
    );
    expect(result.written?.counts).toMatchObject({ new: 5, unchanged: ITEMS - 5 });
    expect(result.verification).toMatchObject({ equal: true, count: ITEMS });
    // Every exported item is back; the item written after the export is left alone.
    const now = await tableContents(client, table);
    expect(now.filter((i) => !atExport.includes(i))).toHaveLength(1);
    expect(atExport.every((i) => now.includes(i))).toBe(true);
    expect((await ctx.journal.getRun(result.plan.incidentId))?.kind).toBe('restore-items');
  });

  it('with a selection, writes only the matching items: DynamoDB filters the export imported into a table it then deletes', async () => {
    const table = await sampleTable();
    const ctx = await context();
    const done = await exportOf(ctx, { tableName: table, bucket: BUCKET });
    for (let i = 0; i < 5; i++) {
      await client.send(
        new DeleteItemCommand({ TableName: table, Key: { pk: sampleItem(i).pk!, sk: sampleItem(i).sk! } }),
      );
    }
    const plan = await planExportItems(client, aws(), {
      tableName: table,
      confirmation: table,
      overwriteChanged: false,
      deleteMissing: false,
      export: done.exportArn,
      selection: { where: 'pk = :p', values: '{":p": "p#1"}' },
    });
    const result = await runRestoreItems(ctx, plan, { pollIntervalMs: 10 });
    // Of the five deleted (pk p#0 .. p#4), only the one with pk p#1 is back; p#1 has 6 items in all.
    expect(result.written).toMatchObject({ selected: 6, counts: { new: 1, unchanged: 5 } });
    expect(result.verification).toMatchObject({ equal: true, count: 6 });
    const now = await tableContents(client, table);
    expect(now).toHaveLength(ITEMS - 4);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames!.filter((n) => n.includes('-dr-import-'))).toEqual([]);
  });

  it('refuses a selection DynamoDB cannot parse, before anything is imported or recorded', async () => {
    const table = await sampleTable();
    const ctx = await context();
    const done = await exportOf(ctx, { tableName: table, bucket: BUCKET });
    const error = await planExportItems(client, aws(), {
      tableName: table,
      confirmation: table,
      overwriteChanged: false,
      deleteMissing: false,
      export: done.exportArn,
      selection: { where: 'begins_with(pk :p', values: '{":p": "p#1"}' },
    }).catch((e: unknown) => e);
    expect(field(error)).toBe('where');
    expect(await ctx.journal.listRuns()).toHaveLength(1);
  });

  it('refuses --delete-missing and a table keyed otherwise, before anything is recorded', async () => {
    const table = await sampleTable();
    const ctx = await context();
    const done = await exportOf(ctx, { tableName: table, bucket: BUCKET });
    const other = `other-key-${++tableNumber}`;
    await client.send(
      new CreateTableCommand({
        TableName: other,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    const base = { confirmation: table, overwriteChanged: false, export: done.exportArn };
    const deleting = await planExportItems(client, aws(), { ...base, tableName: table, deleteMissing: true }).catch(
      (e: unknown) => e,
    );
    expect(field(deleting)).toBe('deleteMissing');
    const keyed = await planExportItems(client, aws(), {
      ...base,
      tableName: other,
      confirmation: other,
      deleteMissing: false,
    }).catch((e: unknown) => e);
    expect(field(keyed)).toBe('fromExport');
    expect((keyed as Error).message).toMatch(/without the table's key attribute id/);
    expect(await ctx.journal.listRuns()).toHaveLength(1);
  });
});
