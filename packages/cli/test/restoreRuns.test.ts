import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FileRunJournal, InputError } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { listRuns, showRun, unlockTable } from '../src/commands/runs/index.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());
afterEach(() => vi.restoreAllMocks());

/** Runs a `runs` subcommand in this process and returns what it printed on stdout and stderr. */
async function printed(command: () => Promise<void>): Promise<{ stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  await command();
  vi.restoreAllMocks();
  return { stdout: out.join('\n'), stderr: err.join('\n') };
}

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

  const stateDir = path.join(dir, '.dynamo-dr');
  const list = await printed(() => listRuns({ stateDir, json: true }));
  expect(JSON.parse(list.stdout)).toMatchObject({ runs: [{ incidentId: 'inc-42', result: 'succeeded' }], locks: [] });

  const show = await printed(() => showRun('inc-42', { stateDir }));
  expect(show.stderr).toMatch(/Incident inc-42: succeeded/);
  expect(show.stderr).toMatch(
    /backup [\d.]+ s, restore [\d.]+ s, sync [\d.]+ s, verify [\d.]+ s, cleanup [\d.]+ s; RTO [\d.]+ s/,
  );
  expect(show.stderr).toMatch(/delta\.written 10, delta\.deleted 5/);
  const shown = JSON.parse((await printed(() => showRun('inc-42', { stateDir, json: true }))).stdout);
  expect(shown.attempts[0].startedBy).toMatch(/@/);
  expect(shown.tables.Ledger.plan).toMatchObject({ mode: 'delta', forensicBackupName: 'Ledger-forensic-inc-42' });

  await expect(showRun('inc-404', { stateDir })).rejects.toThrow(/ID "inc-404" is not a recorded run/);
});

it('`runs unlock` clears a stale lock so another incident can run', async () => {
  const stateDir = path.join(await mkdtemp(path.join(tmpdir(), 'drruns-')), '.dynamo-dr');
  const journal = new FileRunJournal(stateDir);
  await journal.tryLock({
    tableName: 'Ledger',
    incidentId: 'inc-crashed',
    executionId: 'e',
    startedBy: 'bob@elsewhere',
    host: 'elsewhere',
    pid: 1,
    acquiredAt: '2026-01-01T00:00:00Z',
  });
  expect((await printed(() => listRuns({ stateDir }))).stderr).toMatch(/locked: Ledger by incident inc-crashed/);
  const cleared = await printed(() => unlockTable({ stateDir, table: 'Ledger' }));
  expect(cleared.stderr).toMatch(/Cleared the lock of Ledger held by incident inc-crashed/);
  expect(await journal.readLock('Ledger')).toBeUndefined();
  await expect(unlockTable({ stateDir, table: 'Ledger' })).rejects.toBeInstanceOf(InputError);
});
