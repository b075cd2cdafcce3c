import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { createEventsTable, epochMs, sdkRestoreAt, writeAroundASecond } from './runbookFixture.js';
import { printedEnvironment, runClient } from '../awsCliRun.js';

// boto3 (python3) running the backup and restore runbook (boto3Runbook.py) against a sandbox, with nothing but the
// environment the sandbox prints: no region in code, no profile.

const RUNBOOK = fileURLToPath(new URL('boto3Runbook.py', import.meta.url));

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

async function runbook(...args: string[]): Promise<Record<string, unknown>> {
  const result = await runClient('python3', [RUNBOOK, ...args], printedEnvironment(sandbox));
  expect(result.code, `boto3Runbook.py ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

it('runs the backup and restore runbook with only the printed environment, restoring what the table held', async () => {
  const table = 'fp-events';
  await createEventsTable(ddb, table);
  expect(await runbook('enable', table)).toEqual({ region: 'us-east-1', before: 'DISABLED', after: 'ENABLED' });

  const history = await writeAroundASecond(ddb, table);
  const outcome = await runbook('restore', table, `${table}-restored`, history.targetTime);
  expect(outcome).toMatchObject({
    tableStatus: 'ACTIVE',
    // The deleted event is back; the one written at S.020 is not: boto3 sent TARGET_TIME in whole seconds.
    scanned: history.heldAtSecond,
    listed: [outcome.backupArn],
    // An error answer parses too (botocore checks its x-amz-crc32 like any other).
    missingTable: 'ResourceNotFoundException',
  });
  expect(outcome.backupArn).toMatch(new RegExp(`:${SANDBOX_ACCOUNT}:table/fp-events/backup/\\d{14}-[0-9a-f]{8}$`));
  expect(epochMs(outcome.restoreDateTime)).toBe(history.wholeSecondMs);
  // The SDK v3 sends milliseconds: the same TARGET_TIME restores the S.020 event too.
  expect(await sdkRestoreAt(ddb, table, history.targetTime)).toEqual([...history.heldAtSecond, history.late].sort());
}, 120_000); // each client run starts a Python process: seconds apiece on a busy machine
