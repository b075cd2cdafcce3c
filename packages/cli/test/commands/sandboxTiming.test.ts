import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
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

/** The endpoint a started sandbox prints (`export AWS_ENDPOINT_URL=…`). */
function endpointOf(run: ReturnType<typeof runCli>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /export AWS_ENDPOINT_URL=(\S+)/.exec(run.output().stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1] as string);
      }
    }, 50);
    void run.exited.then(() => reject(new Error(`sandbox exited: ${run.output().stderr}`)));
  });
}

/** SDK client settings for a sandbox at `endpoint` (any credentials). */
const clientConfigAt = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
});

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

it('serves with the timing flags applied: the window trails now by --latest-restorable-lag-ms, a day lasts --pitr-day-ms', async () => {
  const run = runCli(['sandbox', '--port', '0', '--latest-restorable-lag-ms', '300000', '--pitr-day-ms', '200']);
  try {
    const endpoint = await endpointOf(run);
    const ddb = new DynamoDBClient(clientConfigAt(endpoint));
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
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 1 },
      }),
    );
    const enabledMs = Date.now();
    // Sleep past one "day" of the recovery period: its start moves with now. With a 5-minute lag, the window stays
    // empty (latest == earliest).
    await new Promise((resolve) => setTimeout(resolve, 400));
    const { ContinuousBackupsDescription } = await ddb.send(
      new DescribeContinuousBackupsCommand({ TableName: 'lagging' }),
    );
    const d = ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    expect(d?.LatestRestorableDateTime?.getTime()).toBe(d?.EarliestRestorableDateTime?.getTime());
    expect(d?.EarliestRestorableDateTime?.getTime()).toBeGreaterThan(enabledMs + 150);
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

it('evaluates alarms every --alarm-evaluation-ms, and refuses an interval that is not a positive duration', async () => {
  const zero = runCli(['sandbox', '--port', '0', '--alarm-evaluation-ms', '0']);
  expect(await zero.exited).toBe(2);
  expect(zero.output().stderr).toContain('--alarm-evaluation-ms "0" is not a positive duration in milliseconds');

  const run = runCli(['sandbox', '--port', '0', '--alarm-evaluation-ms', '100']);
  try {
    const cloudWatch = new CloudWatchClient(clientConfigAt(await endpointOf(run)));
    // A metric that never reports, missing data treated as breaching: the first evaluation sets ALARM.
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'silent',
        Namespace: 'DR',
        MetricName: 'Heartbeat',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      }),
    );
    const state = async () =>
      (await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: ['silent'] }))).MetricAlarms?.[0]?.StateValue;
    const deadline = Date.now() + 10_000; // the default, 60 s, would never evaluate within it
    while ((await state()) !== 'ALARM' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await state()).toBe('ALARM');
    cloudWatch.destroy();
  } finally {
    run.child.kill('SIGTERM');
    await run.exited;
  }
});
