import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DeleteTableCommand,
  DynamoDBClient,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { digestTable, FileRunJournal, itemToJson } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byRule, canonicalOf, eventsAfterIncident } from '../../core/test/restoreItems/itemsFixtures.js';
import { SOURCE_NODE_ARGS } from '../../../scripts/sourceRun.js';

const SCRIPT = fileURLToPath(new URL('../../../scripts/restore-events.js', import.meta.url));
const TABLE = 'mirror-dissonance-production-fp-events';
let sandbox: Sandbox;
let client: DynamoDBClient;
let dir: string;
let atT: string[];

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  dir = await mkdtemp(path.join(tmpdir(), 'drscript-'));
  const incident = await eventsAfterIncident(client, TABLE);
  atT = incident.atT;
  // The backup runbook's scenario 1, steps 1-3, as the AWS CLI would do them.
  const restored = `${TABLE}-restored`;
  await client.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: TABLE,
      TargetTableName: restored,
      RestoreDateTime: new Date(incident.t),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: restored });
  const scan = await client.send(
    new ScanCommand({
      TableName: restored,
      FilterExpression: 'begins_with(pk, :rule)',
      ExpressionAttributeValues: { ':rule': { S: 'rule#MD-001' } },
    }),
  );
  // `aws dynamodb scan ... > recovered_events.json` prints this shape.
  const output = { Items: scan.Items!.map(itemToJson), Count: scan.Count, ScannedCount: scan.ScannedCount };
  await writeFile(path.join(dir, 'recovered_events.json'), JSON.stringify(output, null, 4));
  await client.send(new DeleteTableCommand({ TableName: restored }));
});
afterAll(() => sandbox.stop());

function runScript(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, SCRIPT, ...args], {
    cwd: dir,
    env: { ...process.env, ...sandbox.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('node scripts/restore-events.js recovered_events.json (the backup runbook, scenario 1, step 4)', () => {
  it('--help prints the usage with every flag and exits 0', async () => {
    const help = await runScript(['--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: node scripts\/restore-events\.js FILE --table NAME/);
    for (const flag of [
      '--confirm',
      '--allow-live-writes',
      '--dry-run',
      '--json',
      '--state-dir',
      '--endpoint-url',
      '--debug',
    ])
      expect(help.stdout).toContain(flag);
  });

  it('refuses an unknown flag and a missing table with exit 2, and a dry run changes nothing', async () => {
    const digest = await digestTable({ client, tableName: TABLE });
    expect((await runScript(['recovered_events.json', '--tabel', TABLE])).code).toBe(2);
    const noTable = await runScript(['recovered_events.json', '--confirm', TABLE]);
    expect(noTable.code).toBe(2);
    expect(noTable.stderr).toMatch(/^error: --table is required\. /);
    expect(noTable.stderr).not.toContain('null');
    const dry = await runScript(['recovered_events.json', '--table', TABLE, '--confirm', TABLE, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/write\s+5 /);
    expect(await digestTable({ client, tableName: TABLE })).toEqual(digest);
  });

  it('writes the scanned items back through restore-items: deleted events return, the later change and other rules stay', async () => {
    const before = await byRule(client, TABLE);
    const result = await runScript([
      'recovered_events.json',
      '--table',
      TABLE,
      '--confirm',
      TABLE,
      '--allow-live-writes',
      '--state-dir',
      'journal',
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    // The run is recorded where --state-dir says, not in the directory the script was run from.
    const runs = await new FileRunJournal(path.join(dir, 'journal')).listRuns();
    expect(runs.map((r) => r.kind)).toEqual(['restore-items']);
    expect(await readdir(dir)).not.toContain('.dynamo-dr');
    expect(JSON.parse(result.stdout).written.counts).toEqual({
      new: 5,
      overwritten: 0,
      skipped: 1,
      deleted: 0,
      unchanged: 4,
    });
    const after = await byRule(client, TABLE);
    for (let n = 0; n < 5; n++) expect(canonicalOf(after.all, 'MD-001', n)).toBe(canonicalOf(atT, 'MD-001', n));
    expect(canonicalOf(after.all, 'MD-001', 5)).toContain('changed after T');
    expect(after.rest).toEqual(before.rest);
  });
});
