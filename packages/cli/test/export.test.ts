import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { digestTable } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable, sampleItem, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let t: string;
let atT: { count: number; digest: string };
const TABLE = 'consent-prod';

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(client, TABLE, 25);
  t = await timeBetweenWrites();
  atT = await digestTable({ client, tableName: TABLE });
  await client.send(new PutItemCommand({ TableName: TABLE, Item: sampleItem(100) }));
});
afterAll(() => sandbox.stop());

const workdir = () => mkdtemp(path.join(tmpdir(), 'drexport-cli-'));
const tables = async () => (await client.send(new ListTablesCommand({}))).TableNames ?? [];

describe('dynamo-dr export', () => {
  it('writes the table at T with its manifest (--json), and export verify accepts it, then finds tampering', async () => {
    const cwd = await workdir();
    const result = await runCli(sandbox, cwd, ['export', '--table', TABLE, '--at', t, '--out', 'audit.json', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ itemCount: 25, digest: atT.digest, source: { kind: 'pitr' } });
    expect(await tables()).toEqual([TABLE]);

    const verified = await runCli(sandbox, cwd, ['export', 'verify', 'audit.json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stderr).toMatch(/matches its manifest: 25 item\(s\)/);

    const file = path.join(cwd, 'audit.json');
    const lines = (await readFile(file, 'utf8')).split('\n');
    await writeFile(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n')); // one item removed
    const tampered = await runCli(sandbox, cwd, ['export', 'verify', 'audit.json']);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(
      /does not match its manifest:\n {2}- SHA-256 .*\n {2}- item count is 24, manifest says 25/,
    );
  });

  it('export verify of a file that does not exist is bad input (exit 2)', async () => {
    const result = await runCli(sandbox, await workdir(), ['export', 'verify', 'missing.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/FILE "missing.json" does not exist/);
  });

  it('--dry-run shows the plan, with the window, and creates nothing', async () => {
    const cwd = await workdir();
    const result = await runCli(sandbox, cwd, [
      'export',
      '--table',
      TABLE,
      '--at',
      t,
      '--out',
      'a.csv',
      '--format',
      'csv',
      '--dry-run',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /Export consent-prod as it was at .* \(restorable window .* to .*\)\n {2}to .*a\.csv \(csv, lossy\)/,
    );
    expect(await readdir(cwd)).toEqual([]);
    expect(await tables()).toEqual([TABLE]);
  });

  it.each([
    [
      'a time outside the window',
      ['--at', '2020-01-01T00:00:00Z'],
      /--at "2020-01-01T00:00:00Z" is outside the restorable window/,
    ],
    ['an unknown table', ['--table', 'nope-table'], /--table "nope-table" does not exist/],
    ['a bad format', ['--format', 'parquet'], /--format "parquet" is not an item file format/],
  ])('refuses %s with exit 2 and creates nothing', async (_, flags, message) => {
    const cwd = await workdir();
    const args = { '--table': TABLE, '--at': t, '--out': 'x.json' } as Record<string, string>;
    for (let i = 0; i < flags.length; i += 2) args[flags[i]!] = flags[i + 1]!;
    const result = await runCli(sandbox, cwd, ['export', ...Object.entries(args).flat()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await readdir(cwd)).toEqual([]);
    expect(await tables()).toEqual([TABLE]);
  });

  it('refuses an existing --out without --force and leaves it as it was', async () => {
    const cwd = await workdir();
    await writeFile(path.join(cwd, 'x.json'), 'precious\n');
    const result = await runCli(sandbox, cwd, ['export', '--table', TABLE, '--out', 'x.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out ".*x\.json" already exists\. Choose another path, or pass --force/);
    expect(await readFile(path.join(cwd, 'x.json'), 'utf8')).toBe('precious\n');
    expect(await readdir(cwd)).toEqual(['x.json']);
  });
});
