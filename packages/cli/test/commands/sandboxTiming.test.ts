import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { cliArgv } from '../cliArgv.js';

function runCli(args: string[]) {
  const child = spawn(process.execPath, cliArgv(...args), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

it('refuses a timing flag that is not a duration, with exit code 2 and the bad value', async () => {
  const run = runCli(['sandbox', '--port', '0', '--restore-base-ms', 'soon']);
  expect(await run.exited).toBe(2);
  expect(run.output().stderr).toContain('--restore-base-ms "soon" is not a duration in milliseconds');
});

it('refuses an export timing flag that is not a duration, naming the flag and the value', async () => {
  const run = runCli(['sandbox', '--port', '0', '--min-incremental-export-period-ms', '-5']);
  expect(await run.exited).toBe(2);
  expect(run.output().stderr).toContain('--min-incremental-export-period-ms "-5" is not a duration in milliseconds');
});

it('serves with the timing flags applied: LatestRestorableDateTime trails now by --latest-restorable-lag-ms', async () => {
  const run = runCli(['sandbox', '--port', '0', '--latest-restorable-lag-ms', '300000']);
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /export AWS_ENDPOINT_URL=(\S+)/.exec(run.output().stdout);
        if (match) {
          clearInterval(timer);
          resolve(match[1] as string);
        }
      }, 50);
      void run.exited.then(() => reject(new Error(`sandbox exited: ${run.output().stderr}`)));
    });
    const ddb = new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    await ddb.send(
      new CreateTableCommand({
        TableName: 'lagging',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'lagging',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    // Sleep past "now" a little: with a 5-minute lag, the window stays empty (latest == earliest).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { ContinuousBackupsDescription } = await ddb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'lagging' }),
    );
    const d = ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    expect(d?.LatestRestorableDateTime?.getTime()).toBe(d?.EarliestRestorableDateTime?.getTime());
    ddb.destroy();
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
});

it('refuses a Step Functions time scale that is not a factor, and an asset directory that is not one', async () => {
  const scale = runCli(['sandbox', '--port', '0', '--step-functions-time-scale', 'fast']);
  expect(await scale.exited).toBe(2);
  expect(scale.output().stderr).toContain('--step-functions-time-scale "fast" is not a factor of 0 or more');
  const assets = runCli(['sandbox', '--port', '0', '--asset-dir', '/nonexistent/cdk.out']);
  expect(await assets.exited).toBe(2);
  expect(assets.output().stderr).toContain('--asset-dir "/nonexistent/cdk.out" is not a directory');
});
