import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FileRunJournal } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
});
afterAll(() => sandbox.stop());

it('restores with --json, then `runs` lists the run and `runs show` gives its inputs, phases, RTO and counts', async () => {
  await createSampleTable(client, 'Ledger', 40);
  const t = await timeBetweenWrites();
  const atT = await tableContents(client, 'Ledger');
  await simulateIncident(client, 'Ledger', 40);
  const dir = await mkdtemp(path.join(tmpdir(), 'drruns-'));
  const restored = await runCli(sandbox, dir, [
    'restore',
    '--table',
    'Ledger',
    '--to',
    t,
    '--incident',
    'inc-42',
    '--confirm',
    'Ledger',
    '--json',
    '--endpoint-url',
    sandbox.endpoint,
    '--allow-live-writes',
  ]);
  expect(restored.code).toBe(0);
  expect(await tableContents(client, 'Ledger')).toEqual(atT);
  const result = JSON.parse(restored.stdout);
  expect(result).toMatchObject({ incidentId: 'inc-42', result: 'succeeded', restoreTime: t });
  expect(result.rto.Ledger.total).toBeGreaterThan(0);

  const list = await runCli(sandbox, dir, ['runs', '--json']);
  expect(JSON.parse(list.stdout)).toMatchObject({ runs: [{ incidentId: 'inc-42', result: 'succeeded' }], locks: [] });

  const show = await runCli(sandbox, dir, ['runs', 'show', 'inc-42']);
  expect(show.code).toBe(0);
  expect(show.stderr).toMatch(/Incident inc-42: succeeded/);
  expect(show.stderr).toMatch(
    /backup [\d.]+ s, restore [\d.]+ s, sync [\d.]+ s, verify [\d.]+ s, cleanup [\d.]+ s; RTO [\d.]+ s/,
  );
  expect(show.stderr).toMatch(/delta\.written 10, delta\.deleted 5/);
  const shown = JSON.parse((await runCli(sandbox, dir, ['runs', 'show', 'inc-42', '--json'])).stdout);
  expect(shown.attempts[0].startedBy).toMatch(/@/);
  expect(shown.tables.Ledger.plan).toMatchObject({ mode: 'delta', forensicBackupName: 'Ledger-forensic-inc-42' });

  const missing = await runCli(sandbox, dir, ['runs', 'show', 'inc-404']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/ID "inc-404" is not a recorded run/);
});

it('`runs unlock` clears a stale lock so another incident can run', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'drruns-'));
  const journal = new FileRunJournal(path.join(dir, '.dynamo-dr'));
  await journal.tryLock({
    tableName: 'Ledger',
    incidentId: 'inc-crashed',
    executionId: 'e',
    startedBy: 'bob@elsewhere',
    host: 'elsewhere',
    pid: 1,
    acquiredAt: '2026-01-01T00:00:00Z',
  });
  const listed = await runCli(sandbox, dir, ['runs']);
  expect(listed.stderr).toMatch(/locked: Ledger by incident inc-crashed/);
  const cleared = await runCli(sandbox, dir, ['runs', 'unlock', '--table', 'Ledger']);
  expect(cleared.code).toBe(0);
  expect(cleared.stderr).toMatch(/Cleared the lock of Ledger held by incident inc-crashed/);
  expect(await journal.readLock('Ledger')).toBeUndefined();
  expect((await runCli(sandbox, dir, ['runs', 'unlock', '--table', 'Ledger'])).code).toBe(2);
});
