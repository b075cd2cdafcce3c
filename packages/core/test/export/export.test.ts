import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  DeleteItemCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { restoreToPointInTime } from '../../src/aws/dynamoDbCalls.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  digestTable,
  type Item,
  FileRunJournal,
  InputError,
  planExport,
  readItemFile,
  runExport,
  verifyItemFile,
  type ExportRequest,
  type ExportContext,
} from '../../src/index.js';
import { combineDigests, itemHash } from '../../src/sync/tableDigest.js';
import { createSampleTable, sampleItem, timeBetweenWrites } from '../restore/restoreFixtures.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let dir: string;
let tableNumber = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  dir = await mkdtemp(path.join(tmpdir(), 'drexport-'));
});
afterAll(() => sandbox.stop());

function context(): ExportContext {
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal: journal(),
    startedBy: 'test@host',
  };
}
const journal = () => new FileRunJournal(path.join(dir, 'state'));
const out = (name: string) => path.join(dir, name);

async function exportTable(request: ExportRequest) {
  const plan = await planExport(client, request);
  return runExport(context(), plan, { pollIntervalMs: 20 });
}

async function tableNames(): Promise<string[]> {
  return (await client.send(new ListTablesCommand({}))).TableNames ?? [];
}

/** A small item: the 50k test is about volume; the other tests cover every attribute type. */
const smallItem = (i: number): Item => ({
  pk: { S: `p#${i % 1000}` },
  sk: { N: String(i) },
  note: { S: `consent ${i}` },
  bin: { B: Uint8Array.from([i % 256, 0, 255]) },
});

/** Writes items with 16 batch writers in parallel (fast set-up, not the code under test). */
async function fill(tableName: string, items: readonly Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length) {
        const res = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = (res.UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function sampleTable(count: number, item: (i: number) => Item = sampleItem): Promise<string> {
  const table = `Consent-${++tableNumber}`;
  await createSampleTable(client, table, 0);
  await fill(
    table,
    Array.from({ length: count }, (_, i) => item(i)),
  );
  return table;
}

describe('export at a point in time', () => {
  it('50k items at T: the file holds the table as it was at T (digest), re-verifies, and the temporary table is gone', async () => {
    const items = Array.from({ length: 50_000 }, (_, i) => smallItem(i));
    const table = await sampleTable(items.length, smallItem);
    const t = await timeBetweenWrites();
    // The digest of the table at T, from the items written (digestTable would read the same 50k items again).
    const atT = combineDigests(...items.map((item) => ({ count: 1, digest: itemHash(item) })));
    // After T: one item removed, one added; the export must not see either.
    await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: items[1]!.pk!, sk: items[1]!.sk! } }));
    await client.send(new PutItemCommand({ TableName: table, Item: smallItem(50_001) }));

    const file = out('consent-at-t.json');
    const manifest = await exportTable({ tableName: table, at: t, out: file, incidentId: 'audit-1' });

    expect(manifest).toMatchObject({
      format: 'dynamodb-json',
      itemCount: 50_000,
      digest: atT.digest,
      source: { kind: 'pitr', tableName: table, restoreTime: new Date(t).toISOString() },
      time: new Date(t).toISOString(),
    });
    expect((await verifyItemFile(file)).ok).toBe(true);
    expect((await tableNames()).filter((n) => n.includes('-dr-export-'))).toEqual([]);
    expect(await journal().getRun('export-audit-1')).toMatchObject({ kind: 'export', result: 'succeeded' });

    // One changed character in the file: verify says what differs.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"consent 3"', '"consent 4"'));
    const tampered = await verifyItemFile(file);
    expect(tampered.ok).toBe(false);
    expect(tampered.differences.join('\n')).toMatch(/SHA-256 is .*\n.*content digest is/);
  }, 180_000);

  it('without --at exports the table now and says so; jsonl and csv carry the same count', async () => {
    const table = await sampleTable(30);
    for (const format of ['jsonl', 'csv'] as const) {
      const manifest = await exportTable({ tableName: table, out: out(`now.${format}`), format });
      expect(manifest).toMatchObject({ format, lossless: false, itemCount: 30, source: { kind: 'table', at: 'now' } });
      expect((await verifyItemFile(out(`now.${format}`))).ok).toBe(true);
    }
    const csv = await readFile(out('now.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('pk,sk,gsiKey,big,tiny,bin,ss,ns,bs,doc');
  });

  it('from an on-demand backup: the items of the backup, read from a temporary table that is then deleted', async () => {
    const table = await sampleTable(40);
    const backup = await client.send(new CreateBackupCommand({ TableName: table, BackupName: 'before' }));
    const atBackup = await digestTable({ client, tableName: table });
    await client.send(new PutItemCommand({ TableName: table, Item: sampleItem(999) }));
    const backupArn = backup.BackupDetails!.BackupArn!;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the sandbox's backup is CREATING for 100 ms

    const file = out('from-backup.json');
    const manifest = await exportTable({ backupArn, out: file, incidentId: 'bk-1' });

    expect(manifest).toMatchObject({ itemCount: 40, digest: atBackup.digest, source: { kind: 'backup', backupArn } });
    let items = 0;
    for await (const item of readItemFile(file)) items += item.pk ? 1 : 0;
    expect(items).toBe(40);
    expect((await tableNames()).filter((n) => n.includes('-dr-export-'))).toEqual([]);
  });
});

describe('export refuses bad input and creates nothing', () => {
  async function expectRefused(request: ExportRequest, message: RegExp): Promise<void> {
    const tablesBefore = await tableNames();
    const filesBefore = await readdir(dir);
    const error = await exportTable(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect(await tableNames()).toEqual(tablesBefore);
    expect(await readdir(dir)).toEqual(filesBefore);
  }

  it('a time outside the restorable window, naming the window', async () => {
    const table = await sampleTable(3);
    await expectRefused(
      { tableName: table, at: '2020-01-01T00:00:00Z', out: out('old.json') },
      /at "2020-01-01T00:00:00Z" is outside the restorable window of Consent-\d+, \S+ to \S+/,
    );
  });

  it('an unknown table', async () => {
    await expectRefused({ tableName: 'NoSuchTable', out: out('none.json') }, /tableName "NoSuchTable" does not exist/);
  });

  it('an existing --out file, which is left as it was', async () => {
    const table = await sampleTable(3);
    const file = out('existing.json');
    await writeFile(file, 'keep me\n');
    await expectRefused({ tableName: table, out: file }, /out ".*existing.json" already exists.*--force/);
    expect(await readFile(file, 'utf8')).toBe('keep me\n');
    const manifest = await exportTable({ tableName: table, out: file, force: true });
    expect(manifest.itemCount).toBe(3);
  });

  it('an unknown format', async () => {
    const table = await sampleTable(1);
    await expectRefused(
      { tableName: table, out: out('x.xml'), format: 'xml' },
      /format "xml" is not an item file format/,
    );
  });
});

describe('export resumes with the same incident', () => {
  it("reuses the temporary table a killed run left (this incident's restore at T) and deletes it at the end", async () => {
    const table = await sampleTable(20);
    const t = await timeBetweenWrites();
    await client.send(new PutItemCommand({ TableName: table, Item: sampleItem(777) }));
    // What a run killed after starting the restore leaves behind:
    await restoreToPointInTime(client, { source: table, target: `${table}-dr-export-resume-1`, time: new Date(t) });

    const manifest = await exportTable({ tableName: table, at: t, out: out('resumed.json'), incidentId: 'resume-1' });

    expect(manifest.itemCount).toBe(20);
    expect(await tableNames()).not.toContain(`${table}-dr-export-resume-1`);
  });

  it('refuses a leftover table of that name that holds another time, and leaves it alone', async () => {
    const table = await sampleTable(5);
    const t = await timeBetweenWrites();
    await new Promise((resolve) => setTimeout(resolve, 1100)); // RestoreDateTime is compared to the second
    const other = await timeBetweenWrites();
    await restoreToPointInTime(client, { source: table, target: `${table}-dr-export-clash-1`, time: new Date(other) });
    const request = { tableName: table, at: t, out: out('clash.json'), incidentId: 'clash-1' };

    await expect(exportTable(request)).rejects.toThrow(/is not a restore of Consent-\d+ at /);
    expect(await tableNames()).toContain(`${table}-dr-export-clash-1`);
    expect(await readdir(dir)).not.toContain('clash.json');
  });
});
