import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultRestoreSettings,
  FileCheckpointStore,
  FileRunJournal,
  InputError,
  logicalNameOf,
  planDiff,
  planFileItems,
  planRestore,
  readItemChanges,
  runDiff,
  runRestore,
  runRestoreItems,
  type ItemChange,
  type RestoreContext,
} from '../../src/index.js';
import { itemHash } from '../../src/sync/tableDigest.js';
import {
  awsResources,
  createSampleTable,
  sampleItem,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../restore/restoreFixtures.js';

const ITEMS = 30;
let sandbox: Sandbox;
let client: DynamoDBClient;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
  dir = await mkdtemp(path.join(tmpdir(), 'drdiff-'));
});
afterAll(() => sandbox.stop());

async function context(): Promise<RestoreContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drdiffj-')));
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: 'test@host',
  };
}

async function changesIn(file: string): Promise<ItemChange[]> {
  const out: ItemChange[] = [];
  for await (const c of readItemChanges(file)) out.push(c);
  return out;
}

const skOf = (c: ItemChange) => Number(c.key.sk!.N);

describe('diff after a full restore', () => {
  it('lists exactly the writes made after T, with both versions; its left side restores what the rollback threw away', async () => {
    const table = 'Ledger';
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    await simulateIncident(client, table, ITEMS);
    const beforeRollback = await tableContents(client, table);
    const ctx = await context();
    const restorePlan = await planRestore(client, ctx.journal, {
      incidentId: 'inc-diff',
      pitrBackupTime: t,
      tables: [{ ...defaultRestoreSettings, tableName: table, logicalName: logicalNameOf(table), segments: 2 }],
      confirmations: [table],
    });
    await runRestore(ctx, restorePlan, { pollIntervalMs: 50 });
    const tablesBefore = (await awsResources(client)).tables;

    const out = path.join(dir, 'lost-writes.jsonl');
    const plan = await planDiff(client, ctx.journal, { incidentId: 'inc-diff', out, segments: 3 });
    expect(plan.left.kind).toBe('backup');
    const result = await runDiff(client, plan, { pollIntervalMs: 50 });

    // After T: items 0-4 deleted (the rollback brought them back), 5-9 changed, 30-34 created.
    expect(result.counts).toEqual({ added: 5, removed: 5, changed: 5, unchanged: ITEMS - 10 });
    const changes = await changesIn(out);
    const of = (kind: string) =>
      changes
        .filter((c) => c.change === kind)
        .map(skOf)
        .sort((a, b) => a - b);
    expect(of('added')).toEqual([0, 1, 2, 3, 4]);
    expect(of('changed')).toEqual([5, 6, 7, 8, 9]);
    expect(of('removed')).toEqual([30, 31, 32, 33, 34]);
    for (const c of changes.filter((x) => x.change === 'changed')) {
      expect(c.left!.gsiKey).toEqual({ S: 'corrupt' });
      expect(itemHash(c.right!)).toBe(itemHash(sampleItem(skOf(c))));
    }
    expect(result.manifest).toMatchObject({ format: 'diff', itemCount: 15 });
    expect((await awsResources(client)).tables).toEqual(tablesBefore);

    // restore-items --from-file DIFF --delete-missing puts the thrown-away writes back: the table before the rollback.
    const filePlan = await planFileItems(client, {
      tableName: table,
      confirmation: table,
      file: out,
      overwriteChanged: false,
      deleteMissing: true,
    });
    const restored = await runRestoreItems(ctx, filePlan);
    expect(restored.written?.counts).toEqual({ new: 5, overwritten: 5, skipped: 0, deleted: 5, unchanged: 0 });
    expect(await tableContents(client, table)).toEqual(beforeRollback);
  });

  it('--left/--right compares two tables; an identical pair gives an empty diff', async () => {
    await createSampleTable(client, 'TwinA', 12);
    await createSampleTable(client, 'TwinB', 12);
    const ctx = await context();
    const same = await runDiff(
      client,
      await planDiff(client, ctx.journal, { left: 'TwinA', right: 'TwinB', out: path.join(dir, 'same.jsonl') }),
    );
    expect(same.counts).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 12 });
    expect(await changesIn(path.join(dir, 'same.jsonl'))).toEqual([]);
  });

  it.each([
    [{ left: 'NoSuchTable', right: 'TwinA' }, 'left'],
    [{ left: 'TwinA' }, 'right'],
    [{ incidentId: 'never-ran' }, 'incidentId'],
    [
      { left: 'arn:aws:dynamodb:us-east-1:000000000000:table/TwinA/backup/01234567890123-abcdefgh', right: 'TwinA' },
      'left',
    ],
  ])('bad input %j is refused naming %s; no table and no file are created', async (request, field) => {
    const ctx = await context();
    const before = (await awsResources(client)).tables;
    const out = path.join(dir, `bad-${field.slice(2)}.jsonl`);
    const error = await planDiff(client, ctx.journal, { ...request, out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((await awsResources(client)).tables).toEqual(before);
    expect((await readdir(dir)).filter((f) => f.startsWith('bad-'))).toEqual([]);
  });
});
