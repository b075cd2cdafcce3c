import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  defaultRestoreSettings,
  FileCheckpointStore,
  FileRunJournal,
  logicalNameOf,
  planRestore,
  runRestore,
} from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { runCli } from './restoreHarness.js';

const TABLE = 'Prod-Orders';
let sandbox: Sandbox;
let client: DynamoDBClient;
let cwd: string;
let beforeRollback: string[];

beforeAll(async () => {
  sandbox = await startSandbox();
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
  cwd = await mkdtemp(path.join(tmpdir(), 'drdiff-cli-'));
  await createSampleTable(client, TABLE, 20);
  const t = await timeBetweenWrites();
  await simulateIncident(client, TABLE, 20);
  beforeRollback = await tableContents(client, TABLE);
  // The whole-table restore, journaled where the CLI looks (./.dynamo-dr).
  const journal = new FileRunJournal(path.join(cwd, '.dynamo-dr'));
  const ctx = {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: 't@h',
  };
  const plan = await planRestore(client, journal, {
    incidentId: 'inc-9',
    pitrBackupTime: t,
    tables: [{ ...defaultRestoreSettings, tableName: TABLE, logicalName: logicalNameOf(TABLE), segments: 2 }],
    confirmations: [TABLE],
  });
  await runRestore(ctx, plan, { pollIntervalMs: 50 });
});
afterAll(() => sandbox.stop());

describe('dynamo-dr diff --incident', () => {
  it('prints the counts, writes the diff file, leaves no table; restore-items --from-file puts the thrown-away writes back', async () => {
    const tables = (await awsResources(client)).tables;
    const human = await runCli(sandbox, cwd, ['diff', '--incident', 'inc-9', '--out', 'lost.jsonl']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/added\s+5/);
    expect(human.stderr).toMatch(/removed\s+5/);
    expect(human.stderr).toMatch(/changed\s+5/);
    expect((await readFile(path.join(cwd, 'lost.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(15);
    expect((await awsResources(client)).tables).toEqual(tables);

    const json = await runCli(sandbox, cwd, ['diff', '--incident', 'inc-9', '--out', 'again.jsonl', '--json']);
    expect(JSON.parse(json.stdout).counts).toEqual({ added: 5, removed: 5, changed: 5, unchanged: 10 });

    const refused = await runCli(sandbox, cwd, ['diff', '--incident', 'inc-9', '--out', 'lost.jsonl']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists');

    const back = await runCli(sandbox, cwd, [
      'restore-items',
      '--table',
      TABLE,
      '--from-file',
      'lost.jsonl',
      '--delete-missing',
      '--confirm',
      TABLE,
      '--allow-live-writes',
    ]);
    expect(back.code, back.stderr).toBe(0);
    expect(await tableContents(client, TABLE)).toEqual(beforeRollback);
  });
});
