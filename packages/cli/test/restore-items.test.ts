import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createItemFileWriter, digestTable, FileRunJournal, readItemFileManifest } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsResources } from '../../core/test/restore/restoreFixtures.js';
import { byRule, canonicalOf, eventsAfterIncident } from '../../core/test/restoreItems/itemsFixtures.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let t: string;
let atT: string[];
const TABLE = 'fp-events';

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  ({ t, atT } = await eventsAfterIncident(client, TABLE));
});
afterAll(() => sandbox.stop());

/** A working directory with a configuration placing the table in environment Prod (not in recovery mode). */
async function workdir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dritems-cli-'));
  const config = { environments: { Prod: { tables: { FpEvents: { tableName: TABLE } } } } };
  await writeFile(path.join(dir, 'dynamo-dr.config.json'), JSON.stringify(config));
  return dir;
}

/** An export of MD-001 at T, in the item-file format `dynamo-dr export` writes. */
async function exportOfMd001(cwd: string): Promise<string> {
  const file = path.join(cwd, 'md-001.jsonl');
  const writer = createItemFileWriter(file, 'dynamodb-json', {
    source: { kind: 'table', tableName: 'copy', at: 'now' },
    time: t,
  });
  for (const line of atT.filter((i) => i.includes('"rule#MD-001"'))) await writer.write(JSON.parse(line));
  await writer.close();
  return file;
}

const fromFile = (file: string) => [
  'restore-items',
  '--table',
  TABLE,
  '--from-file',
  file,
  '--confirm',
  TABLE,
  '--allow-live-writes',
  '--json',
];

function args(over: Record<string, string | boolean | undefined> = {}): string[] {
  const flags: Record<string, string | boolean | undefined> = {
    '--table': TABLE,
    '--to': t,
    '--incident': 'inc-1',
    '--where': 'begins_with(pk, :rule)',
    '--values': '{":rule": "rule#MD-001"}',
    '--confirm': TABLE,
    '--allow-live-writes': true,
    ...over,
  };
  const out = ['restore-items'];
  for (const [flag, value] of Object.entries(flags)) {
    if (value === true) out.push(flag);
    else if (typeof value === 'string') out.push(flag, value);
  }
  return out;
}

describe('dynamo-dr restore-items: bad input changes nothing', () => {
  it.each([
    ['a bad expression', { '--where': 'begins_with(pk :rule' }, '--where', 'begins_with(pk :rule'],
    [
      'a placeholder --values does not use',
      { '--values': '{":rule": "rule#MD-001", ":other": 1}' },
      '--values',
      ':other',
    ],
    ['a placeholder --values lacks', { '--where': 'begins_with(pk, :rul)' }, '--where', ':rul'],
    ['a time outside the window', { '--to': '2001-01-01T00:00:00Z' }, '--to', '2001-01-01T00:00:00Z'],
    ['a confirmation that is not the table name', { '--confirm': 'FP-EVENTS' }, '--confirm', 'FP-EVENTS'],
    ['no confirmation without a terminal', { '--confirm': undefined }, '--confirm', 'terminal'],
    ['writes outside recovery mode', { '--allow-live-writes': undefined }, '--environment', 'Prod'],
  ])('%s: exit 2 naming %s, no table created, table unchanged, no journal entry', async (_name, over, flag, value) => {
    const cwd = await workdir();
    const tablesBefore = (await awsResources(client)).tables;
    const digestBefore = await digestTable({ client, tableName: TABLE });
    const result = await runCli(sandbox, cwd, args(over));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
    expect(result.stderr).toContain(value);
    expect((await awsResources(client)).tables).toEqual(tablesBefore);
    expect(await digestTable({ client, tableName: TABLE })).toEqual(digestBefore);
    expect(await readdir(path.join(cwd, '.dynamo-dr', 'runs')).catch(() => [])).toEqual([]);
  });
});

describe('dynamo-dr restore-items --from-file: the file is checked whole before the run is recorded', () => {
  it.each([
    [
      'a text file that is not an item file',
      'hello world\n',
      /is neither a dynamo-dr item file nor AWS CLI scan output/,
    ],
    [
      'scan output with an item missing its sort key',
      JSON.stringify({ Items: [{ pk: { S: 'rule#MD-001' }, sk: { N: '1' } }, { pk: { S: 'rule#MD-001' } }] }),
      /has an item \(number 2\) without the table's key attribute sk/,
    ],
    [
      'an item file whose second line is not an item',
      `${JSON.stringify({ Item: { pk: { S: 'rule#MD-001' }, sk: { N: '1' } } })}\nnot json\n`,
      /line 2 is not \{"Item": \{\.\.\.\}\} \(DynamoDB JSON\)/,
    ],
    [
      'an item file whose second line has a number that is not a string',
      `${JSON.stringify({ Item: { pk: { S: 'rule#MD-001' }, sk: { N: '1' } } })}\n${JSON.stringify({ Item: { pk: { S: 'rule#MD-002' }, sk: { N: 2 } } })}\n`,
      /input\.json" line 2 is not \{"Item": \{\.\.\.\}\} \(DynamoDB JSON\): field Item\.sk\.N 2 must be string\. Each attribute is one DynamoDB JSON value/,
    ],
    [
      'an item file whose line has an attribute with two types',
      `${JSON.stringify({ Item: { pk: { S: 'rule#MD-001' }, sk: { N: '1', S: '1' } } })}\n`,
      /line 1 is not \{"Item": \{\.\.\.\}\} \(DynamoDB JSON\): field Item\.sk .* must NOT have more than 1 properties/,
    ],
    [
      "a key attribute of another type than the table's",
      JSON.stringify({ Items: [{ pk: { S: 'rule#MD-001' }, sk: { S: '1' } }] }),
      /key attribute sk is of type S, but the table's is N/,
    ],
    [
      'an attribute that is not DynamoDB JSON',
      JSON.stringify({ Items: [{ pk: { S: 'rule#MD-001' }, sk: { N: '1' }, note: null }] }),
      /has an item \(number 1 of Items\) that is not DynamoDB JSON: field note null must be object\./,
    ],
  ])('%s: exit 2, the table unchanged, no run recorded', async (_name, content, message) => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'input.json'), content);
    const digestBefore = await digestTable({ client, tableName: TABLE });
    const result = await runCli(sandbox, cwd, fromFile('input.json'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^error: --from-file "input\.json" /);
    expect(result.stderr).toMatch(message);
    expect(await digestTable({ client, tableName: TABLE })).toEqual(digestBefore);
    const journal = new FileRunJournal(path.join(cwd, '.dynamo-dr'));
    expect({ runs: await journal.listRuns(), locks: await journal.listLocks() }).toEqual({ runs: [], locks: [] });
  });

  it('what runs list shows after a refused file: no run', async () => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'input.json'), JSON.stringify({ Items: [{ pk: { S: 'rule#MD-001' } }] }));
    expect((await runCli(sandbox, cwd, fromFile('input.json'))).code).toBe(2);
    const runs = await runCli(sandbox, cwd, ['runs', 'list']);
    expect(runs.code).toBe(0);
    expect(runs.stderr).toMatch(/^No runs recorded in \.dynamo-dr\.$/m);
  });
});

describe('dynamo-dr restore-items', () => {
  it('--from-file refuses a table whose recovery lock another run holds (exit 2), changing and recording nothing', async () => {
    const cwd = await workdir();
    const file = await exportOfMd001(cwd);
    const journal = new FileRunJournal(path.join(cwd, '.dynamo-dr'));
    await journal.tryLock({
      tableName: TABLE,
      incidentId: 'inc-other',
      executionId: 'e-other',
      startedBy: 'bob@elsewhere',
      host: 'elsewhere',
      pid: 1,
      acquiredAt: '2026-01-01T00:00:00Z',
    });
    const digestBefore = await digestTable({ client, tableName: TABLE });

    const result = await runCli(sandbox, cwd, fromFile(file));

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is being recovered by incident inc-other');
    expect(await digestTable({ client, tableName: TABLE })).toEqual(digestBefore);
    expect(await journal.listRuns()).toEqual([]);
    expect((await journal.readLock(TABLE))?.incidentId).toBe('inc-other');
  });

  it('--from-file with an export file writes its items (changed ones skipped) and journals the run; then a point-in-time run finds nothing left to do', async () => {
    const cwd = await workdir();
    const before = await byRule(client, TABLE);
    const file = await exportOfMd001(cwd);

    const result = await runCli(sandbox, cwd, fromFile(file));
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    const journal = new FileRunJournal(path.join(cwd, '.dynamo-dr'));
    expect(await journal.getRun(out.plan.incidentId)).toMatchObject({
      kind: 'restore-items',
      result: 'succeeded',
      tables: {
        [TABLE]: {
          plan: { file, manifestDigest: (await readItemFileManifest(file)).digest },
          verification: { equal: true },
        },
      },
    });
    expect(await journal.listLocks()).toEqual([]);
    expect(out.written.counts).toEqual({ new: 5, overwritten: 0, skipped: 1, deleted: 0, unchanged: 4 });
    expect(out.verification).toMatchObject({ equal: true, skipped: 1 });
    const after = await byRule(client, TABLE);
    for (let n = 0; n < 5; n++) expect(canonicalOf(after.all, 'MD-001', n)).toBe(canonicalOf(atT, 'MD-001', n));
    expect(after.rest).toEqual(before.rest);

    const again = await runCli(sandbox, cwd, args({ '--dry-run': true, '--allow-live-writes': undefined }));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/write\s+0 /);
    expect(again.stderr).toContain('a real run would be refused now');
    expect(again.stderr).toContain('now deleted');
  });
});
