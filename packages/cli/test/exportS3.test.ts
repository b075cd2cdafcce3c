import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DeleteItemCommand, DescribeTableCommand, DynamoDBClient, ListExportsCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { digestTable } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable, sampleItem, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { runCli } from './restoreHarness.js';

const BUCKET = 'audit-exports';
const TABLE = 'ledger-prod';
const ITEMS = 25;

let sandbox: Sandbox;
let client: DynamoDBClient;
let s3: S3Client;
let t: string;

beforeAll(async () => {
  sandbox = await startSandbox({ exportMs: 50 });
  client = new DynamoDBClient(sandbox.clientConfig);
  s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await createSampleTable(client, TABLE, ITEMS);
  t = await timeBetweenWrites();
});
afterAll(async () => {
  client.destroy();
  s3.destroy();
  await sandbox.stop();
});

const workdir = () => mkdtemp(path.join(tmpdir(), 'drexport-s3-cli-'));

async function exportCount(): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  return (await client.send(new ListExportsCommand({ TableArn: Table!.TableArn }))).ExportSummaries?.length ?? 0;
}

/** The arguments of `dynamo-dr export --via s3` of the test table into `bucket`, then `more`. */
const viaS3 = (bucket: string, ...more: string[]) => [
  'export',
  '--via',
  's3',
  '--table',
  TABLE,
  '--bucket',
  bucket,
  ...more,
];

describe('dynamo-dr export --via s3', () => {
  it('refuses an unknown bucket, naming --bucket, with exit 2 and no export started', async () => {
    const before = await exportCount();
    const result = await runCli(sandbox, await workdir(), viaS3('no-such-bucket'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bucket "no-such-bucket" does not exist/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await exportCount()).toBe(before);
  });

  it('restore-items refuses --values without --where with --from-export', async () => {
    const result = await runCli(sandbox, await workdir(), [
      'restore-items',
      '--table',
      TABLE,
      '--from-export',
      's3://audit-exports/AWSDynamoDB/01700000000000-abcd1234/',
      '--values',
      '{":p": "p#1"}',
      '--confirm',
      TABLE,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--values ".*" needs --where/);
  });

  it('refuses a file flag with --via s3 and an S3 flag without it', async () => {
    const cwd = await workdir();
    const withOut = await runCli(sandbox, cwd, viaS3(BUCKET, '--out', 'x.json'));
    expect(withOut.code).toBe(2);
    expect(withOut.stderr).toMatch(/--out "x.json" cannot be combined with --via s3/);
    const noVia = await runCli(sandbox, cwd, ['export', '--table', TABLE, '--bucket', BUCKET, '--out', 'x.json']);
    expect(noVia.code).toBe(2);
    expect(noVia.stderr).toMatch(/--bucket "audit-exports" needs --via s3/);
    const badVia = await runCli(sandbox, cwd, ['export', '--via', 'ftp', '--table', TABLE, '--out', 'x.json']);
    expect(badVia.code).toBe(2);
    expect(badVia.stderr).toMatch(/--via "ftp" is not a way to export/);
  });

  it('--dry-run prints the plan (time, window, destination) and starts no export', async () => {
    const before = await exportCount();
    const dry = await runCli(sandbox, await workdir(), viaS3(BUCKET, '--at', t, '--dry-run', '--json'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      plan: { via: 's3', tableName: TABLE, bucket: BUCKET, exportTime: new Date(t).toISOString() },
    });
    expect(await exportCount()).toBe(before);
  });

  it('exports at T (--json), attaches on rerun, verifies, finds a corrupted data file, and restore-items takes the export', async () => {
    const cwd = await workdir();
    const args = viaS3(BUCKET, '--prefix', 'audits', '--at', t);
    const first = await runCli(sandbox, cwd, [...args, '--incident', 'audit-7', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout) as { exportArn: string; manifestUri: string; itemCount: number };
    expect(result).toMatchObject({ itemCount: ITEMS, attached: false });
    expect(result.manifestUri).toMatch(/^s3:\/\/audit-exports\/audits\/AWSDynamoDB\/[\w-]+\/manifest-summary\.json$/);

    const again = await runCli(sandbox, cwd, [...args, '--incident', 'audit-7', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ exportArn: result.exportArn, attached: true });
    expect(await exportCount()).toBe(1);
    const shown = await runCli(sandbox, cwd, ['runs', 'show', 'export-audit-7']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout + shown.stderr).toContain(`export ${result.exportArn} (manifest ${result.manifestUri})`);

    const verified = await runCli(sandbox, cwd, ['export', 'verify', result.exportArn, '--against-table']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toMatch(new RegExp(`matches its manifests: 1 data file\\(s\\), ${ITEMS} item\\(s\\)`));

    // Items lost after T come back from the export, through restore-items' dry run, write and read-back.
    const atT = await digestTable({ client, tableName: TABLE });
    for (let i = 0; i < 3; i++) {
      await client.send(
        new DeleteItemCommand({ TableName: TABLE, Key: { pk: sampleItem(i).pk!, sk: sampleItem(i).sk! } }),
      );
    }
    const restore = ['restore-items', '--table', TABLE, '--from-export', result.manifestUri, '--confirm', TABLE];
    // A dry run of only the items with pk p#1 (DynamoDB filters the export imported into a table): one is missing.
    const where = ['--where', 'pk = :p', '--values', '{":p": "p#1"}'];
    const dry = await runCli(sandbox, cwd, [...restore, ...where, '--dry-run', '--allow-live-writes', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, preview: { counts: { new: 1 } } });
    expect((await digestTable({ client, tableName: TABLE })).count).toBe(ITEMS - 3);
    const restored = await runCli(sandbox, cwd, [...restore, '--allow-live-writes', '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({
      written: { counts: { new: 3 } },
      verification: { equal: true },
    });
    expect(await digestTable({ client, tableName: TABLE })).toEqual(atT);

    // One data file corrupted in S3: verify exits 1 and names it.
    const { files } = JSON.parse(
      (await runCli(sandbox, cwd, ['export', 'verify', result.manifestUri, '--json'])).stdout,
    ) as { files: { key: string }[] };
    const key = files[0]!.key;
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const text = gunzipSync(await Body!.transformToByteArray()).toString('utf8');
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: gzipSync(text.replace('"big"', '"bug"')) }));
    const corrupted = await runCli(sandbox, cwd, ['export', 'verify', result.manifestUri]);
    expect(corrupted.code).toBe(1);
    expect(corrupted.stderr).toMatch(new RegExp(`  - ${key}: MD5 is \\S+, manifest-files.json says`));
  });
});
