import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambdaEntry, inputsNotForLambda } from '../../../../scripts/lambdaBundle.js';
import { SOURCE_CONDITION } from '../../../../scripts/sourceRun.js';
import { defaultRestoreSettings } from '../../src/restore/restorePlan.js';
import { createJournalTable } from '../journal/journalTableFixture.js';
import { createSampleTable, timeBetweenWrites } from '../restore/restoreFixtures.js';

// A Lambda function's bundle of `@dynamo-dr/core/lambda`, made as a deployment makes it, from the sources (what
// the entry pulls in is what its import graph reaches; scripts/check-pack.ts bundles the published dist too).
const JOURNAL_TABLE = 'dynamo-dr-journal';
const here = path.dirname(fileURLToPath(import.meta.url));

let sandbox: Sandbox;
let bundle: string;
let inputs: string[];

beforeAll(async () => {
  sandbox = await startSandbox();
  const client = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(client, 'Accounts', 5);
  await createJournalTable(client, JOURNAL_TABLE);
  bundle = path.join(await mkdtemp(path.join(tmpdir(), 'drlambda-')), 'handler.mjs');
  inputs = await bundleLambdaEntry({ resolveDir: here, outfile: bundle, conditions: [SOURCE_CONDITION] });
});
afterAll(() => sandbox.stop());

/** Invokes the bundle's handler once per event in a plain `node` process, in a directory with no node_modules. */
function invokeBundle(events: readonly unknown[]): Promise<unknown[]> {
  const script = `import { handler } from ${JSON.stringify(pathToFileURL(bundle).href)};
const results = [];
for (const event of JSON.parse(process.argv[1])) {
  try { results.push({ result: await handler(event) }); }
  catch (error) { results.push({ error: error.name, message: error.message }); }
}
console.log(JSON.stringify(results));`;
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(events)],
      { cwd: path.dirname(bundle), env: { ...process.env, ...sandbox.env, DYNAMO_DR_JOURNAL_TABLE: JOURNAL_TABLE } },
      (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(JSON.parse(stdout) as unknown[])),
    ),
  );
}

describe('the Lambda entry point @dynamo-dr/core/lambda, bundled', () => {
  it('pulls in neither the sandbox, nor a local Step Functions interpreter, nor the CLI', () => {
    expect(inputs).toContain('packages/core/src/lambda/workflowLambdaHandler.ts');
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-dynamodb/'))).toBe(true);
    expect(inputsNotForLambda(inputs)).toEqual([]);
  });

  it('runs in plain node from the bundle alone: validates a restore input against DynamoDB, refuses a wrong confirmation', async () => {
    const t = await timeBetweenWrites();
    const settings = { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' };
    const input = { incidentId: 'inc-7', pitrBackupTime: t, tableNameRecoveryConfirmation: 'Accounts' };
    const [validated, refused] = await invokeBundle([
      { handler: 'validateRestoreInput', input, settings },
      { handler: 'validateRestoreInput', input: { ...input, tableNameRecoveryConfirmation: 'accounts' }, settings },
    ]);
    expect(validated).toMatchObject({
      result: { plan: { tableName: 'Accounts', incidentId: 'inc-7', restoreTime: t } },
    });
    expect(refused).toMatchObject({ error: 'InputError', message: expect.stringContaining('"accounts"') });
  });
});
