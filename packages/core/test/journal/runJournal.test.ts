import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { FileRunJournal } from '../../src/journal/fileRunJournal.js';
import { acquireRecoveryLock } from '../../src/journal/recoveryLock.js';
import { DynamoDbRunJournal } from '../../src/journal/dynamoDbRunJournal.js';
import type { JournaledRun, RunJournal } from '../../src/journal/runJournal.js';

/** A record of no command: the journal stores whatever it is given. */
type TestRun = JournaledRun & { readonly attempts: readonly { readonly executionId: string }[] };
import { deadPid, lock } from './journalFixtures.js';

let sandbox: Sandbox;
let client: DynamoDBClient;
let tables = 0;
beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

/** One suite, every backend: files locally, a DynamoDB table on AWS (here on the sandbox). */
const backends: [string, () => Promise<RunJournal>][] = [
  ['files', async () => new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drjournal-')))],
  [
    'a DynamoDB table',
    async () => {
      const TableName = `journal-${++tables}`;
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      // A new table is CREATING at first (on AWS as in the sandbox): writes to it fail until it is ACTIVE.
      await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 0.1, maxDelay: 1 }, { TableName });
      return new DynamoDbRunJournal(client, TableName);
    },
  ],
];

describe.each(backends)('run journal in %s', (_, journalIn) => {
  it('keeps every one of many concurrent updates of one run', async () => {
    const journal = await journalIn();
    const base: TestRun = { incidentId: 'inc-1', kind: 'test', startedAt: 'x', attempts: [] };
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        journal.updateRun('inc-1', (current) => {
          const run = (current as TestRun | undefined) ?? base;
          return { ...run, attempts: [...run.attempts, { executionId: `e${i}` }] };
        }),
      ),
    );
    expect(((await journal.getRun('inc-1')) as TestRun | undefined)?.attempts).toHaveLength(10);
    expect(await journal.listRuns()).toHaveLength(1);
    expect(await journal.getRun('other')).toBeUndefined();
  });

  it('gives a table lock to one holder at a time, and tells the others who holds it', async () => {
    const journal = await journalIn();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => journal.tryLock(lock({ executionId: `e${i}` }))),
    );
    expect(results.filter((r) => r === undefined)).toHaveLength(1);
    const holder = await journal.readLock('Orders');
    for (const r of results) if (r) expect(r).toEqual(holder);
    await journal.unlock('Orders', 'someone-else');
    expect(await journal.readLock('Orders')).toEqual(holder);
    await journal.unlock('Orders', 'inc-1');
    expect(await journal.readLock('Orders')).toBeUndefined();
  });
});

describe.each(backends)('recovery lock in %s', (_, journalIn) => {
  it('refuses a concurrent recovery of the table, naming the holder and how to clear a stale lock', async () => {
    const journal = await journalIn();
    await acquireRecoveryLock(journal, lock());
    const attempt = acquireRecoveryLock(journal, lock({ incidentId: 'inc-2', executionId: 'exec-2' }), '--table');
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toThrow(
      /--table "Orders" is being recovered by incident inc-1 .*dynamo-dr runs unlock --table Orders/,
    );
  });

  it('lets the same incident take over the lock of a killed run, but not of a live one', async () => {
    const journal = await journalIn();
    await journal.tryLock(lock({ pid: deadPid(), executionId: 'killed' }));
    await acquireRecoveryLock(journal, lock({ executionId: 'resumed' }));
    expect((await journal.readLock('Orders'))?.executionId).toBe('resumed');
    await expect(acquireRecoveryLock(journal, lock({ executionId: 'twin' }))).rejects.toThrow(
      /is being recovered by incident inc-1/,
    );
    await acquireRecoveryLock(journal, lock({ executionId: 'resumed' }));
  });

  it('does not let another incident take over a dead holder: that needs the documented unlock', async () => {
    const journal = await journalIn();
    await journal.tryLock(lock({ pid: deadPid(), executionId: 'killed' }));
    await expect(acquireRecoveryLock(journal, lock({ incidentId: 'inc-2', executionId: 'x' }))).rejects.toThrow(
      InputError,
    );
    await journal.unlock('Orders');
    await acquireRecoveryLock(journal, lock({ incidentId: 'inc-2', executionId: 'x' }));
    expect((await journal.readLock('Orders'))?.incidentId).toBe('inc-2');
  });
});

describe('run journal in a DynamoDB table, contended', () => {
  it('gives up, with backoff between attempts, on a run that changes under every attempt to record it', async () => {
    const other = (await backends[1]![1]()) as DynamoDbRunJournal;
    const base: TestRun = { incidentId: 'inc-hot', kind: 'test', startedAt: 'x', attempts: [] };
    await other.updateRun('inc-hot', () => base);
    // Another writer changes the run between each read and write of this journal's, every time.
    const contended = new DynamoDBClient(sandbox.clientConfig);
    let puts = 0;
    contended.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand') {
          puts += 1;
          await other.updateRun('inc-hot', (run) => ({ ...(run as TestRun), startedAt: `x${puts}` }));
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const journal = new DynamoDbRunJournal(contended, other.tableName);
    await expect(
      journal.updateRun('inc-hot', (current) => ({ ...(current as TestRun), attempts: [{ executionId: 'e' }] })),
    ).rejects.toThrow(/changed under every one of 10 attempts/);
    expect(puts).toBe(10);
    expect(((await other.getRun('inc-hot')) as TestRun).attempts).toEqual([]);
  });
});
