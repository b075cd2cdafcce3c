import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FileRunJournal, type RestoreRun, type RestoreTableRun } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsResources,
  createSampleTable,
  simulateIncident,
  tableContents,
  timeBetweenWrites,
} from '../../core/test/restore/restoreFixtures.js';
import { runCli, startCli } from './restoreHarness.js';

const ITEMS = 120;
let sandbox: Sandbox;
let client: DynamoDBClient;

beforeAll(async () => {
  // Slow enough to be caught in the act: backup and restore take ~2 s each.
  sandbox = await startSandbox({ backupCreateMs: 2000, restoreBaseMs: 2000 });
  client = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

async function tableRun(dir: string, incident: string, table: string): Promise<RestoreTableRun | undefined> {
  try {
    const run = JSON.parse(
      await readFile(path.join(dir, '.dynamo-dr', 'runs', `${incident}.json`), 'utf8'),
    ) as RestoreRun;
    return run.tables[table];
  } catch {
    return undefined; // not written yet, or being replaced this instant
  }
}

const during: Record<string, (t: RestoreTableRun) => boolean> = {
  'backup and restore': (t) => !!t.phases.backup && !t.phases.restore?.endedAt,
  sync: (t) => !!t.phases.sync && t.segmentsDone.length > 0 && !t.phases.verify,
  verify: (t) => !!t.phases.verify && !t.phases.verify.endedAt,
  cleanup: (t) => !!t.phases.verify?.endedAt && t.result === 'running',
};

describe.concurrent('kill -9 of dynamo-dr restore, then the same command again', () => {
  it.each(Object.keys(during))('during %s ends in exactly the state at T', async (phase) => {
    const table = `Kill-${phase.replace(/\W/g, '')}`;
    const incident = `inc-${phase.replace(/\W/g, '')}`;
    await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    const atT = await tableContents(client, table);
    await simulateIncident(client, table, ITEMS);
    // Capped capacity stretches the sync and the verification over seconds.
    sandbox.setFaults(table, { writeUnitsPerSecond: 60, readUnitsPerSecond: 6 });
    sandbox.setFaults(`${table}-dr-${incident}`, { readUnitsPerSecond: 6 });
    const dir = await mkdtemp(path.join(tmpdir(), 'drkill-'));
    const args = [
      'restore',
      '--table',
      table,
      '--to',
      t,
      '--incident',
      incident,
      '--confirm',
      table,
      '--mode',
      'reset',
      '--segments',
      '2',
      '--allow-live-writes',
    ];

    const { child, done } = startCli(sandbox, dir, args);
    let seen: RestoreTableRun | undefined;
    for (const started = Date.now(); Date.now() - started < 60_000;) {
      seen = await tableRun(dir, incident, table);
      if (seen && during[phase]!(seen)) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    expect(seen && during[phase]!(seen), `killed during ${phase}`).toBe(true);
    expect((await tableRun(dir, incident, table))?.result, 'the kill interrupted the run').toBe('running');

    sandbox.setFaults(table, {});
    const resumed = await runCli(sandbox, dir, [...args, '--json']);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(await tableContents(client, table)).toEqual(atT);
    const { tables, backups } = await awsResources(client);
    expect(backups.filter((b) => b.startsWith(`${table}-forensic-`))).toEqual([
      `${table}-forensic-${incident}:AVAILABLE`,
    ]);
    expect(tables.filter((name) => name.startsWith(`${table}-dr-`))).toEqual([]);
    const journal = new FileRunJournal(path.join(dir, '.dynamo-dr'));
    const run = (await journal.getRun(incident)) as RestoreRun | undefined;
    expect(run?.result).toBe('succeeded');
    expect(run?.attempts).toHaveLength(2);
    expect(await journal.readLock(table)).toBeUndefined();
    expect(JSON.parse(resumed.stdout)).toMatchObject({ incidentId: incident, result: 'succeeded' });
  });
});
