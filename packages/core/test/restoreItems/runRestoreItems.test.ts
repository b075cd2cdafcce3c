import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultRestoreSettings,
  FileRunJournal,
  logicalNameOf,
  planPointInTimeItems,
  runRestoreItems,
  type PointInTimeItemsRequest,
  type RestoreItemsRun,
  type RunContext,
} from '../../src/index.js';
import { awsResources } from '../restore/restoreFixtures.js';
import { byRule, canonicalOf, eventsAfterIncident } from './itemsFixtures.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let tableNumber = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

async function context(): Promise<RunContext> {
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal: new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'dritems-'))),
    startedBy: 'test@host',
  };
}

function request(table: string, t: string, over: Partial<PointInTimeItemsRequest> = {}): PointInTimeItemsRequest {
  return {
    settings: { ...defaultRestoreSettings, tableName: table, logicalName: logicalNameOf(table), segments: 2 },
    incidentId: 'inc-1',
    pitrBackupTime: t,
    confirmation: table,
    selection: { where: 'begins_with(pk, :rule)', values: '{":rule": "rule#MD-001"}' },
    overwriteChanged: false,
    deleteMissing: false,
    ...over,
  };
}

describe('restore-items from a point-in-time restore', () => {
  it('brings back only the matching deleted items, skips the one changed after T, leaves the rest untouched', async () => {
    const table = `events-${++tableNumber}`;
    const { atT, t } = await eventsAfterIncident(client, table);
    const before = await byRule(client, table);
    const ctx = await context();
    const plan = await planPointInTimeItems(client, ctx.journal, request(table, t));
    const previews: unknown[] = [];
    const result = await runRestoreItems(ctx, plan, { pollIntervalMs: 50, onPreview: (p) => void previews.push(p) });

    expect(result.preview.counts).toEqual({ new: 5, overwritten: 0, skipped: 1, deleted: 0, unchanged: 4 });
    expect(previews).toEqual([result.preview]);
    expect(result.verification).toMatchObject({ equal: true, count: 9, skipped: 1 });
    const after = await byRule(client, table);
    for (let n = 0; n < 5; n++) expect(canonicalOf(after.all, 'MD-001', n)).toBe(canonicalOf(atT, 'MD-001', n));
    expect(canonicalOf(after.all, 'MD-001', 5)).toContain('changed after T');
    expect(canonicalOf(after.all, 'MD-001', 100)).toContain('created after T');
    expect(after.rest).toEqual(before.rest);
    expect(result.restoredTable).toEqual({ name: `${table}-dr-inc-1`, deleted: true });
    expect((await awsResources(client)).tables).not.toContain(`${table}-dr-inc-1`);
    const run = (await ctx.journal.getRun('inc-1')) as RestoreItemsRun | undefined;
    expect(run).toMatchObject({ kind: 'restore-items', result: 'succeeded' });
    expect(run!.tables[table]!.counts.written).toMatchObject({ new: 5, skipped: 1 });
  });

  it('--overwrite-changed and --delete-missing make the selection exactly as at T; the rest stays as it is', async () => {
    const table = `events-${++tableNumber}`;
    const { atT, t } = await eventsAfterIncident(client, table);
    const before = await byRule(client, table);
    const ctx = await context();
    const plan = await planPointInTimeItems(
      client,
      ctx.journal,
      request(table, t, { overwriteChanged: true, deleteMissing: true }),
    );
    const result = await runRestoreItems(ctx, plan, { pollIntervalMs: 50 });

    expect(result.written?.counts).toEqual({ new: 5, overwritten: 1, skipped: 0, deleted: 1, unchanged: 4 });
    const after = await byRule(client, table);
    expect(after.selected).toEqual(atT.filter((i) => i.includes('"rule#MD-001"')));
    expect(after.rest).toEqual(before.rest);
  });

  it('a dry run counts with a temporary restore it then deletes, and changes and records nothing', async () => {
    const table = `events-${++tableNumber}`;
    const { t } = await eventsAfterIncident(client, table);
    const before = await byRule(client, table);
    const ctx = await context();
    const plan = await planPointInTimeItems(client, ctx.journal, request(table, t, { deleteMissing: true }));
    const result = await runRestoreItems(ctx, plan, { pollIntervalMs: 50, dryRun: true });

    expect(result.preview.counts).toEqual({ new: 5, overwritten: 0, skipped: 1, deleted: 1, unchanged: 4 });
    expect(result.preview.samples.deleted).toEqual([{ pk: { S: 'rule#MD-001' }, sk: { N: '100' } }]);
    expect(result.written).toBeUndefined();
    expect((await byRule(client, table)).all).toEqual(before.all);
    expect((await awsResources(client)).tables).not.toContain(`${table}-dr-inc-1`);
    expect(await ctx.journal.listRuns()).toEqual([]);
  });

  it('run again with the same incident, a finished run is reported from the journal and nothing is redone', async () => {
    const table = `events-${++tableNumber}`;
    const { t } = await eventsAfterIncident(client, table);
    const ctx = await context();
    const plan = await planPointInTimeItems(client, ctx.journal, request(table, t));
    const first = await runRestoreItems(ctx, plan, { pollIntervalMs: 50 });
    const tablesAfterFirst = (await awsResources(client)).tables;
    const again = await runRestoreItems(ctx, await planPointInTimeItems(client, ctx.journal, request(table, t)), {
      pollIntervalMs: 50,
    });
    expect(again.written?.counts).toEqual(first.written?.counts);
    expect(again.verification).toEqual(first.verification);
    expect((await awsResources(client)).tables).toEqual(tablesAfterFirst);
  });

  it('a run stopped after the restore resumes with the same incident: the temporary table is reused, the result is the same', async () => {
    const table = `events-${++tableNumber}`;
    const { atT, t } = await eventsAfterIncident(client, table);
    const ctx = await context();
    const stop = new Error('operator pressed Ctrl-C');
    const plan = await planPointInTimeItems(client, ctx.journal, request(table, t, { overwriteChanged: true }));
    await expect(
      runRestoreItems(ctx, plan, {
        pollIntervalMs: 50,
        onPreview: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect((await awsResources(client)).tables).toContain(`${table}-dr-inc-1`);
    const failed = (await ctx.journal.getRun('inc-1')) as RestoreItemsRun | undefined;
    expect(failed?.result).toBe('failed');

    const resumed = await runRestoreItems(
      ctx,
      await planPointInTimeItems(client, ctx.journal, request(table, t, { overwriteChanged: true })),
      {
        pollIntervalMs: 50,
      },
    );
    expect(resumed.written?.counts).toMatchObject({ new: 5, overwritten: 1 });
    const selected = (await byRule(client, table)).selected;
    expect(selected.filter((i) => !i.includes('created after T'))).toEqual(
      atT.filter((i) => i.includes('"rule#MD-001"')),
    );
    const run = (await ctx.journal.getRun('inc-1')) as RestoreItemsRun | undefined;
    expect(run).toMatchObject({ result: 'succeeded' });
    expect(run!.attempts).toHaveLength(2);
    // The restore phase started in the first attempt and was not restarted.
    expect(Date.parse(run!.tables[table]!.phases.restore!.startedAt)).toBeLessThan(
      Date.parse(run!.attempts[1]!.startedAt),
    );
    expect((await awsResources(client)).tables).not.toContain(`${table}-dr-inc-1`);
  });
});
