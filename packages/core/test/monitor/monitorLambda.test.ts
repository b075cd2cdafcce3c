import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambdaEntry, inputsNotForLambda, MONITOR_HANDLER_SOURCE } from '../../../../scripts/lambdaBundle.js';
import { SOURCE_CONDITION } from '../../../../scripts/sourceRun.js';
import { SANDBOX_ACCOUNT } from '../../../sandbox/src/sandboxAccount.js';
import { drillReportFileName } from '../../src/drillReports/drillReport.js';
import { backupPolicy } from '../../src/backupPolicy/backupPolicy.js';
import { backupAlarmSpecs } from '../../src/monitor/backupAlarmSpecs.js';
import { monitorEnvironment, monitorSettings } from '../../src/monitor/monitorSettings.js';
import { monitorPolicyStatements } from '../../src/monitor/monitorPermissions.js';
import type { MonitorRun } from '../../src/monitor/runMonitor.js';
import { zipPackage } from '../../../sandbox/src/lambda/code/zipPackage.js';
import { passedDrillReport } from '../drillReports/drillReportFixture.js';
import { createTableNamed } from '../health/createTableNamed.js';

// The monitor as it is deployed: its entry bundled with esbuild, zipped, created in the sandbox's Lambda with a
// role holding exactly monitorPolicyStatements, invoked; the alarms made from backupAlarmSpecs, evaluated on
// demand, notify an SNS topic.
const here = path.dirname(fileURLToPath(import.meta.url));
const BUCKET = 'dr-reports';
const PREFIX = 'recovery-tests/';
const config = {
  environments: {
    Prod: {
      tables: { Orders: { tableName: 'Prod-Orders' }, Consent: { tableName: 'Prod-Consent' } },
      drills: { reports: { s3Bucket: BUCKET, s3Prefix: PREFIX } },
    },
  },
};
const policy = backupPolicy(config, 'Prod');

let sandbox: Sandbox;
let inputs: string[];
let run: MonitorRun;
let topicArn: string;

beforeAll(async () => {
  // Alarms are evaluated only when the test asks, so that nothing moves them before the monitor has run.
  sandbox = await startSandbox({ alarmEvaluationMs: 3_600_000 });
  const dynamodb = new DynamoDBClient(sandbox.clientConfig);
  for (const { tableName } of policy.tables) await createTableNamed(dynamodb, tableName);
  // Prod-Orders is protected; Prod-Consent's PITR is off.
  await dynamodb.send(
    new UpdateContinuousBackupsCommand({
      TableName: 'Prod-Orders',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  const s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const drill = passedDrillReport('Prod', 'Prod-Orders', new Date(Date.now() - 10 * 86_400_000));
  await s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `${PREFIX}${drillReportFileName(drill)}`,
      Body: JSON.stringify(drill),
    }),
  );

  topicArn = (await new SNSClient(sandbox.clientConfig).send(new CreateTopicCommand({ Name: 'dr-alarms' })))
    .TopicArn as string;
  const cloudwatch = new CloudWatchClient(sandbox.clientConfig);
  for (const spec of backupAlarmSpecs(policy, { alarmActions: [topicArn] })) {
    await cloudwatch.send(new PutMetricAlarmCommand(spec.input));
  }

  const iam = new IAMClient(sandbox.clientConfig);
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'dr-monitor',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  const statements = monitorPolicyStatements(monitorSettings(policy), {
    region: sandbox.region,
    account: SANDBOX_ACCOUNT,
  });
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'dr-monitor',
      PolicyName: 'monitor',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );

  const bundle = path.join(await mkdtemp(path.join(tmpdir(), 'drmonitor-')), 'index.mjs');
  inputs = await bundleLambdaEntry({
    resolveDir: here,
    outfile: bundle,
    conditions: [SOURCE_CONDITION],
    handlerSource: MONITOR_HANDLER_SOURCE,
  });
  const lambda = new LambdaClient(sandbox.clientConfig);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'dr-monitor-Prod',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/dr-monitor`,
      Timeout: 30,
      Code: { ZipFile: await zipPackage({ 'index.mjs': await readFile(bundle, 'utf8') }) },
      Environment: { Variables: monitorEnvironment(policy) },
    }),
  );
  const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'dr-monitor-Prod' }));
  const payload = JSON.parse(Buffer.from(invoked.Payload ?? []).toString()) as unknown;
  expect(invoked.FunctionError, JSON.stringify(payload)).toBeUndefined();
  run = payload as MonitorRun;
}, 60_000);
afterAll(() => sandbox.stop());

describe('the monitor Lambda (@dynamo-dr/core/monitor), deployed and invoked', () => {
  it('is bundled without the sandbox, the CLI or a local Step Functions interpreter', () => {
    expect(inputs).toContain('packages/core/src/monitor/monitorLambdaHandler.ts');
    expect(inputsNotForLambda(inputs)).toEqual([]);
  });

  it('publishes PitrEnabled 0 for the table whose PITR is off and 1 for the other, with the drill age from S3', async () => {
    const byTable = Object.fromEntries(run.tables.map((t) => [t.tableName, t]));
    expect(byTable['Prod-Orders']).toMatchObject({ pitrEnabled: true, retentionSeconds: 35 * 86_400 });
    expect(byTable['Prod-Orders']?.lastDrillAgeDays).toBeCloseTo(10, 1);
    expect(byTable['Prod-Consent']).toMatchObject({ pitrEnabled: false, retentionSeconds: 0 });
    expect(byTable['Prod-Consent']?.lastDrillAgeDays).toBeUndefined();
    const cloudwatch = new CloudWatchClient(sandbox.clientConfig);
    const published = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'DynamoDR',
        MetricName: 'PitrEnabled',
        Dimensions: [
          { Name: 'TableName', Value: 'Prod-Consent' },
          { Name: 'Environment', Value: 'Prod' },
        ],
        StartTime: new Date(Date.now() - 600_000),
        EndTime: new Date(Date.now() + 60_000),
        Period: 60,
        Statistics: ['Maximum'],
      }),
    );
    expect(published.Datapoints?.map((d) => d.Maximum)).toEqual([0]);
  });

  it("moves that table's PitrDisabled alarm to ALARM, which notifies the topic; the other table's stays OK", () => {
    const states = Object.fromEntries(sandbox.evaluateAlarms().map((a) => [a.AlarmName, a.StateValue]));
    expect(states).toMatchObject({
      'DynamoDR-Prod-Consent-PitrDisabled': 'ALARM',
      'DynamoDR-Prod-Orders-PitrDisabled': 'OK',
      'DynamoDR-Prod-Orders-DrillOverdue': 'OK',
      // Never drilled: there is no age to publish, and missing data is breaching.
      'DynamoDR-Prod-Consent-DrillOverdue': 'ALARM',
    });
    const alarms = sandbox.snsMessages(topicArn).map((m) => JSON.parse(m.Message) as Record<string, unknown>);
    expect(alarms).toContainEqual(
      expect.objectContaining({ AlarmName: 'DynamoDR-Prod-Consent-PitrDisabled', NewStateValue: 'ALARM' }),
    );
    expect(alarms).not.toContainEqual(
      expect.objectContaining({ AlarmName: 'DynamoDR-Prod-Orders-PitrDisabled', NewStateValue: 'ALARM' }),
    );
  });
});
