import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultRestoreSettings,
  FileCheckpointStore,
  FileRunJournal,
  logicalNameOf,
  planRestore,
  runRestore,
  type TableRestoreSettings,
  type RestoreContext,
  type RestoreRun,
} from '../../src/index.js';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from './restoreFixtures.js';

const ITEMS = 60;
let sandbox: Sandbox;
let client: DynamoDBClient;
let tableNumber = 0;

beforeAll(async () => {
  sandbox = await startSandbox();
  // The sync workers build their own clients from the standard variables, as they do on Lambda.
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
});
afterAll(() => sandbox.stop());

async function context(): Promise<RestoreContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drrestore-')));
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: 'test@host',
  };
}

const settings = (tableName: string, over: Partial<TableRestoreSettings> = {}): TableRestoreSettings => ({
  ...defaultRestoreSettings,
  tableName,
  logicalName: logicalNameOf(tableName),
  segments: 3,
  ...over,
});

/** A sample table, its contents at T, and T; then the incident. */
async function tableAfterIncident(): Promise<{ table: string; atT: string[]; atTByIndex: string[]; t: string }> {
  const table = `Orders-${++tableNumber}`;
  await createSampleTable(client, table, ITEMS);
  const t = await timeBetweenWrites();
  const atT = await tableContents(client, table);
  const atTByIndex = await tableContents(client, table, 'byGsiKey');
  await simulateIncident(client, table, ITEMS);
  expect(await tableContents(client, table)).not.toEqual(atT);
  return { table, atT, atTByIndex, t };
}

describe('restore in place through the restore state machine', () => {
  it.each(['delta', 'reset'] as const)(
    '%s: deleted, modified and added items all end exactly as at T, the GSI too; the forensic backup is kept',
    async (mode) => {
      const { table, atT, atTByIndex, t } = await tableAfterIncident();
      const ctx = await context();
      const plan = await planRestore(client, ctx.journal, {
        incidentId: `inc-${mode}`,
        pitrBackupTime: t,
        tables: [settings(table, { mode })],
        confirmations: [table],
      });
      const run = await runRestore(ctx, plan, { pollIntervalMs: 50 });

      expect(await tableContents(client, table)).toEqual(atT);
      expect(await tableContents(client, table, 'byGsiKey')).toEqual(atTByIndex);
      const { tables, backups } = await awsResources(client);
      expect(backups).toContain(`${table}-forensic-inc-${mode}:AVAILABLE`);
      expect(tables).not.toContain(`${table}-dr-inc-${mode}`);
      expect(await ctx.journal.readLock(table)).toBeUndefined();

      const recorded = run.tables[table]!;
      expect(run.result).toBe('succeeded');
      expect(recorded.verification).toMatchObject({ equal: true, count: ITEMS });
      for (const phase of ['backup', 'restore', 'sync', 'verify', 'cleanup'] as const) {
        expect(recorded.phases[phase]?.endedAt, phase).toBeDefined();
      }
      // Nothing was deleted before the forensic backup was AVAILABLE.
      expect(Date.parse(recorded.phases.sync!.startedAt)).toBeGreaterThanOrEqual(
        Date.parse(recorded.phases.backup!.endedAt!),
      );
      if (mode === 'delta') {
        // Only the damage is rewritten: 5 deleted + 5 corrupted items put back, 5 new ones deleted.
        expect(recorded.counts.delta).toMatchObject({ written: 10, deleted: 5 });
      } else {
        expect(recorded.counts.empty).toMatchObject({ deleted: ITEMS });
        expect(recorded.counts.copy).toMatchObject({ written: ITEMS });
      }
    },
  );

  it('brings two tables back to one time in one run, keeping a temporary table on request', async () => {
    const a = await tableAfterIncident();
    const b = await tableAfterIncident();
    const t = b.t; // a's incident happened before b's T: a must come back to its state at b's T
    const aAtT = await tableContents(client, a.table);
    await simulateIncident(client, a.table, ITEMS + 100);
    const ctx = await context();
    const plan = await planRestore(client, ctx.journal, {
      incidentId: 'inc-two',
      pitrBackupTime: t,
      tables: [settings(a.table), settings(b.table, { keepRestoredTable: true })],
      confirmations: [b.table, a.table],
    });
    const run = await runRestore(ctx, plan, { pollIntervalMs: 50 });

    expect(run.result).toBe('succeeded');
    expect(await tableContents(client, a.table)).toEqual(aAtT);
    expect(await tableContents(client, b.table)).toEqual(b.atT);
    const { tables } = await awsResources(client);
    expect(tables).not.toContain(`${a.table}-dr-inc-two`);
    expect(tables).toContain(`${b.table}-dr-inc-two`);
    expect(await tableContents(client, `${b.table}-dr-inc-two`)).toEqual(b.atT);
  });

  it('ends exactly at T while 30% of the requests to the table are throttled', async () => {
    const { table, atT, t } = await tableAfterIncident();
    const ctx = await context();
    const plan = await planRestore(client, ctx.journal, {
      incidentId: 'inc-throttled',
      pitrBackupTime: t,
      tables: [settings(table, { mode: 'reset' })],
      confirmations: [table],
    });
    sandbox.setFaults(table, { throttleRate: 0.3, seed: 7 });
    try {
      await runRestore(ctx, plan, { pollIntervalMs: 50 });
      const stats = sandbox.faultStats(table)!;
      expect(stats.throttledRequests + stats.unprocessedItems).toBeGreaterThan(0);
    } finally {
      sandbox.setFaults(table, {});
    }
    expect(await tableContents(client, table)).toEqual(atT);
  });

  it('running a finished incident again changes nothing and takes no second backup', async () => {
    const { table, atT, t } = await tableAfterIncident();
    const ctx = await context();
    const request = { incidentId: 'inc-again', pitrBackupTime: t, tables: [settings(table)], confirmations: [table] };
    await runRestore(ctx, await planRestore(client, ctx.journal, request), { pollIntervalMs: 50 });
    const before = await awsResources(client);
    const first = (await ctx.journal.getRun('inc-again')) as RestoreRun | undefined;

    const again = await runRestore(ctx, await planRestore(client, ctx.journal, request), { pollIntervalMs: 50 });
    expect(again.result).toBe('succeeded');
    expect(again.tables[table]!.counts).toEqual(first!.tables[table]!.counts);
    expect(again.attempts).toHaveLength(2);
    expect(await awsResources(client)).toEqual(before);
    expect(await tableContents(client, table)).toEqual(atT);
  });
});

describe('a run that fails', () => {
  it('never syncs from a table that only has the temporary name: the run fails, is recorded, releases its lock', async () => {
    const { table } = await tableAfterIncident();
    const t = await timeBetweenWrites();
    const damaged = await tableContents(client, table);
    await createSampleTable(client, `${table}-dr-inc-squat`, 3);
    const ctx = await context();
    const plan = await planRestore(client, ctx.journal, {
      incidentId: 'inc-squat',
      pitrBackupTime: t,
      tables: [settings(table)],
      confirmations: [table],
    });
    await expect(runRestore(ctx, plan, { pollIntervalMs: 50 })).rejects.toThrow(
      new RegExp(`The table ${table}-dr-inc-squat is not a restore of ${table} at ${t.replace(/[.]/g, '\\.')}`),
    );
    expect(await tableContents(client, table)).toEqual(damaged);
    const run = (await ctx.journal.getRun('inc-squat')) as RestoreRun | undefined;
    expect(run?.result).toBe('failed');
    expect(run?.tables[table]?.error?.message).toMatch(/is not a restore of/);
    expect(await ctx.journal.readLock(table)).toBeUndefined();
  });

  it('refuses an incident id already used for another time', async () => {
    const { table, t } = await tableAfterIncident();
    const ctx = await context();
    const request = { incidentId: 'inc-time', pitrBackupTime: t, tables: [settings(table)], confirmations: [table] };
    await runRestore(ctx, await planRestore(client, ctx.journal, request), { pollIntervalMs: 50 });
    const later = new Date(Date.parse(t) + 50).toISOString();
    await expect(planRestore(client, ctx.journal, { ...request, pitrBackupTime: later })).rejects.toThrow(
      `incidentId "inc-time" was already used to restore to ${t}, not ${later}`,
    );
  });
});
