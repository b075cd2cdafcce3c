import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FileRunJournal, InputError } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsResources, createSampleTable, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { restore as restoreCommand } from '../src/commands/restore/index.js';
import type { RestoreCommandOptions } from '../src/commands/restore/register.js';
import { userMessage } from '../src/fieldFlags.js';
import { runCli } from './restoreHarness.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let t: string;
const TABLE = 'Prod-Orders-ABC';
const NO_PITR = 'Prod-Audit-NoPitr';

beforeAll(async () => {
  sandbox = await startSandbox();
  // The command runs in this process too: point its clients at the sandbox as AWS_ENDPOINT_URL would.
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(client, TABLE, 20);
  await client.send(
    new CreateTableCommand({
      TableName: NO_PITR,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  t = await timeBetweenWrites();
});
afterAll(() => sandbox.stop());

const config = {
  environments: {
    Prod: {
      tables: {
        Orders: { tableName: TABLE },
        Ssn: { tableName: 'Prod-Ssn-XYZ', excluded: true, excludedReason: 'extra security review' },
      },
    },
  },
};

/** A working directory, optionally with a configuration file. */
const withConfigFile = new Set<string>();

async function workdir(withConfig = false): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drcli-'));
  if (withConfig) {
    await writeFile(path.join(dir, 'dynamo-dr.config.json'), JSON.stringify(config));
    withConfigFile.add(dir);
  }
  return dir;
}

const flags = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  '--table': TABLE,
  '--to': t,
  '--incident': 'inc-1',
  '--confirm': TABLE,
  ...over,
});

/** The command line of `dynamo-dr restore` with these flags. */
const restore = (over: Record<string, string | undefined> = {}) => [
  'restore',
  ...Object.entries(flags(over)).flatMap(([k, v]) => (v === undefined ? [] : [k, v])),
];

/** The same flags as the command's options, for running it in this process. */
function options(dir: string, over: Record<string, string | undefined> = {}): RestoreCommandOptions {
  const f = flags(over);
  return {
    table: f['--table'] === undefined ? [] : [f['--table']],
    to: f['--to'],
    incident: f['--incident'],
    confirm: f['--confirm'] === undefined ? [] : [f['--confirm']],
    stateDir: path.join(dir, '.dynamo-dr'),
    config: withConfigFile.has(dir) ? path.join(dir, 'dynamo-dr.config.json') : undefined,
  };
}

/** What nothing-changed means: the same tables and backups, no run recorded, no lock but those already there. */
async function unchanged(dir: string, before: Awaited<ReturnType<typeof awsResources>>, locks = 0): Promise<void> {
  expect(await awsResources(client)).toEqual(before);
  const journal = new FileRunJournal(path.join(dir, '.dynamo-dr'));
  expect(await journal.listRuns()).toEqual([]);
  expect(await journal.listLocks()).toHaveLength(locks);
}

/** Runs the command (in this process) and checks it refused with an input error and left nothing behind. */
async function refused(
  over: Record<string, string | undefined>,
  dir: string,
  message: RegExp,
  locks = 0,
): Promise<void> {
  const before = await awsResources(client);
  const run = restoreCommand(options(dir, over));
  const error = await run.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  // As bin.ts prints it: core names the request field, the CLI its flag.
  expect(userMessage(error as Error)).toMatch(message);
  await unchanged(dir, before, locks);
}

describe('dynamo-dr restore refuses bad input and changes nothing', () => {
  it('exits with 2 from the command line, the message naming the flag, the value and the fix', async () => {
    const dir = await workdir();
    const before = await awsResources(client);
    const result = await runCli(sandbox, dir, restore({ '--incident': 'incident 7!' }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --incident "incident 7!" is not a valid incident id\. Use 1 to 64 letters/);
    await unchanged(dir, before);
  });

  it('a bad incident id', async () => {
    await refused(
      { '--incident': 'incident 7!' },
      await workdir(),
      /--incident "incident 7!" is not a valid incident id.*letters, digits and hyphens/,
    );
  });

  it('a malformed time', async () => {
    await refused(
      { '--to': '2025-01-15 09:00' },
      await workdir(),
      /--to "2025-01-15 09:00" is not an ISO 8601 date-time with an offset/,
    );
  });

  it('a time without an offset', async () => {
    await refused(
      { '--to': t.replace('Z', '') },
      await workdir(),
      /is not an ISO 8601 date-time with an offset.*2025-01-15T09:00:00Z/,
    );
  });

  it('a time outside the restorable window, saying the window', async () => {
    await refused(
      { '--to': '2020-01-01T00:00:00Z' },
      await workdir(),
      /--to "2020-01-01T00:00:00Z" is outside the restorable window of Prod-Orders-ABC, \d{4}-\d\d-\d\dT[\d:.]+Z to \d{4}-\d\d-\d\dT[\d:.]+Z/,
    );
  });

  it('a table with PITR off', async () => {
    await refused(
      { '--table': NO_PITR, '--confirm': NO_PITR },
      await workdir(),
      /--table "Prod-Audit-NoPitr" has point-in-time recovery disabled.*update-continuous-backups/,
    );
  });

  it('a confirmation that differs only in case', async () => {
    await refused(
      { '--confirm': TABLE.toLowerCase() },
      await workdir(),
      /--confirm "prod-orders-abc" differs in letter case from the table name "Prod-Orders-ABC"/,
    );
  });

  it('a confirmation of another table', async () => {
    await refused(
      { '--confirm': 'Prod-Orders' },
      await workdir(),
      /--confirm "Prod-Orders" does not match the table name "Prod-Orders-ABC"/,
    );
  });

  it('no confirmation and no terminal to ask on', async () => {
    await refused(
      { '--confirm': undefined },
      await workdir(),
      /^--confirm is required when not running on a terminal\. Pass --confirm/,
    );
  });

  it('a table the configuration excludes', async () => {
    await refused(
      { '--table': 'Ssn', '--confirm': 'Prod-Ssn-XYZ' },
      await workdir(true),
      /--table "Ssn" is excluded from recovery in the configuration \(extra security review\)/,
    );
  });

  it('a table the configuration does not list', async () => {
    await refused(
      { '--table': NO_PITR, '--confirm': NO_PITR },
      await workdir(true),
      /--table "Prod-Audit-NoPitr" is not in the configuration file/,
    );
  });

  it('a table that does not exist', async () => {
    await refused(
      { '--table': 'Nope-Table', '--confirm': 'Nope-Table' },
      await workdir(),
      /--table "Nope-Table" does not exist/,
    );
  });

  it('a second recovery of a table another incident is recovering', async () => {
    const dir = await workdir();
    const journal = new FileRunJournal(path.join(dir, '.dynamo-dr'));
    const holder = {
      tableName: TABLE,
      incidentId: 'inc-other',
      executionId: 'exec-other',
      startedBy: 'alice@ops',
      host: hostname(),
      pid: process.pid,
      acquiredAt: new Date().toISOString(),
    };
    await journal.tryLock(holder);
    await refused(
      {},
      dir,
      /--table "Prod-Orders-ABC" is being recovered by incident inc-other \(started by alice@ops.*dynamo-dr runs unlock --table Prod-Orders-ABC/,
      1,
    );
    expect(await journal.readLock(TABLE)).toEqual(holder);
  });

  it('writing into a live table: no known environment, or an environment not in recovery mode', async () => {
    await refused(
      {},
      await workdir(),
      /--table "Prod-Orders-ABC" has no known environment, so recovery mode cannot be checked.*--allow-live-writes/,
    );
    await refused(
      { '--table': 'Orders' },
      await workdir(true),
      /--environment "Prod" is not in recovery mode \(table Prod-Orders-ABC is live\)/,
    );
  });

  it('without a configuration, --environment names the recovery-mode environment to check (not ignored)', async () => {
    const dir = await workdir();
    const before = await awsResources(client);
    const message = (run: Promise<unknown>) =>
      run.then(
        () => '',
        (e: Error) => userMessage(e),
      );
    expect(await message(restoreCommand({ ...options(dir), environment: 'Prod' }))).toMatch(
      /^--environment "Prod" is not in recovery mode \(table Prod-Orders-ABC is live\)/,
    );
    await unchanged(dir, before);
    expect(await message(restoreCommand({ ...options(dir), environment: 'Prod env' }))).toMatch(
      /^--environment "Prod env" is not a valid environment name/,
    );
  });

  it('--dry-run prints the plan (names, UTC time, estimates, mode) and changes nothing', async () => {
    const dir = await workdir();
    const before = await awsResources(client);
    const offset = new Date(Date.parse(t) + 3600_000).toISOString().replace('Z', '+01:00');
    const result = await runCli(sandbox, dir, [
      ...restore({ '--to': offset }),
      '--max-write-units',
      '50',
      '--max-read-units',
      '200',
      '--dry-run',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const { plan } = JSON.parse(result.stdout);
    expect(plan).toMatchObject({
      incidentId: 'inc-1',
      restoreTime: t,
      tables: [
        {
          tableName: TABLE,
          mode: 'delta',
          forensicBackupName: `${TABLE}-forensic-inc-1`,
          restoredTableName: `${TABLE}-dr-inc-1`,
          // The caps on the run's traffic, in the plan the engine paces by.
          maxWriteUnitsPerSecond: 50,
          maxReadUnitsPerSecond: 200,
        },
      ],
    });
    expect(plan.tables[0].estimatedItems).toEqual(expect.any(Number));
    expect(await awsResources(client)).toEqual(before);
    await expect(readdir(path.join(dir, '.dynamo-dr'))).rejects.toThrow(/ENOENT/);
  });
});
