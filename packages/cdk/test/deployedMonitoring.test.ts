import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { App, Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable } from '../../core/test/restore/restoreFixtures.js';
import { SANDBOX_ACCOUNT } from '../../sandbox/src/sandboxAccount.js';
import { DisasterRecovery, TemplateAssetSynthesizer } from '../src/index.js';
import { deployTemplate } from './stackDeployment.js';

// The construct's monitoring as it deploys: a stack holding the alarm topic and DisasterRecovery (a recovered
// table, an excluded one whose PITR is off, a cost budget), synthesized with the template synthesizer, deployed
// to the sandbox by CloudFormation; its monitor function invoked in the sandbox's Lambda with its role's exact
// permissions enforced; the deployed alarms evaluated; the topic's sink read.
const STACK = 'ProdMonitoring';
const TOPIC_NAME = 'Prod-DisasterRecoveryAlarms';
const ORDERS = 'Prod-Orders';
const AUDIT = 'Prod-Audit';

let sandbox: Sandbox;
let topicArn: string;

beforeAll(async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), 'dr-monitoring-')), 'out');
  const app = new App({ outdir: out });
  const stack = new Stack(app, STACK, { synthesizer: new TemplateAssetSynthesizer(), analyticsReporting: false });
  new DisasterRecovery(stack, 'DisasterRecovery', {
    environmentName: 'Prod',
    tables: [
      { table: ORDERS, logicalName: 'Orders', segments: 1 },
      { table: AUDIT, logicalName: 'Audit', excluded: true },
    ],
    alarmTopic: new sns.Topic(stack, 'Alarms', { topicName: TOPIC_NAME, enforceSSL: true }),
    costBudget: { monthlyLimitUsd: 50 },
  });
  const templateFile = app.synth().getStackByName(STACK).templateFullPath;
  sandbox = await startSandbox({ assetDirectories: [out] });
  topicArn = `arn:aws:sns:${sandbox.region}:${SANDBOX_ACCOUNT}:${TOPIC_NAME}`;
  const dynamodb = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(dynamodb, ORDERS, 5);
  await createSampleTable(dynamodb, AUDIT, 5);
  await dynamodb.send(
    new UpdateContinuousBackupsCommand({
      TableName: AUDIT,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
    }),
  );
  await deployTemplate(sandbox, STACK, templateFile);
}, 180_000);
afterAll(() => sandbox?.stop());

/** The subjects of the messages the topic received, in order. */
const subjects = () => sandbox.snsMessages(topicArn).map((m) => m.Subject ?? '');

describe('the monitoring of the synthesized stack, deployed to the sandbox', () => {
  it('deploys: the budget, the topic policy, the schedule permission and the metric-math restore alarm recorded as not emulated', async () => {
    const cloudformation = new CloudFormationClient(sandbox.clientConfig);
    const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: STACK }));
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const { StackEvents } = await cloudformation.send(new DescribeStackEventsCommand({ StackName: STACK }));
    const notEmulated = (StackEvents ?? [])
      .filter((e) => e.ResourceStatus === 'CREATE_COMPLETE' && /not emulated/.test(e.ResourceStatusReason ?? ''))
      .map((e) => `${e.ResourceType} ${e.LogicalResourceId?.replace(/[0-9A-F]{8}$/, '')}`);
    expect(notEmulated.sort()).toEqual([
      'AWS::Budgets::Budget DisasterRecoveryCostBudget',
      'AWS::CloudWatch::Alarm DisasterRecoveryOrdersRestoreFailedAlarm',
      expect.stringMatching(/^AWS::Lambda::Permission DisasterRecoveryMonitoringMonitorSchedule/),
      'AWS::SNS::TopicPolicy AlarmsPolicy',
    ]);
  });

  it('invoked, the monitor publishes PitrEnabled 0 for the table with PITR off; its alarm goes to ALARM and the topic hears it', async () => {
    const invoked = await new LambdaClient(sandbox.clientConfig).send(
      new InvokeCommand({ FunctionName: 'Prod-DisasterRecoveryMonitor' }),
    );
    const run = JSON.parse(new TextDecoder().decode(invoked.Payload)) as { tables: { tableName: string }[] };
    expect([invoked.FunctionError, run.tables.map((t) => t.tableName)]).toEqual([undefined, [ORDERS, AUDIT]]);
    const cloudwatch = new CloudWatchClient(sandbox.clientConfig);
    const pitr = async (table: string) => {
      const { Datapoints } = await cloudwatch.send(
        new GetMetricStatisticsCommand({
          Namespace: 'DynamoDR',
          MetricName: 'PitrEnabled',
          Dimensions: [
            { Name: 'TableName', Value: table },
            { Name: 'Environment', Value: 'Prod' },
          ],
          StartTime: new Date(Date.now() - 600_000),
          EndTime: new Date(Date.now() + 60_000),
          Period: 300,
          Statistics: ['Minimum'],
        }),
      );
      return Datapoints?.map((d) => d.Minimum);
    };
    expect([await pitr(ORDERS), await pitr(AUDIT)]).toEqual([[1], [0]]);

    sandbox.evaluateAlarms();
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'DynamoDR-Prod-' }));
    const states = Object.fromEntries((MetricAlarms ?? []).map((a) => [a.AlarmName, a.StateValue]));
    expect(states).toMatchObject({
      'DynamoDR-Prod-Audit-PitrDisabled': 'ALARM',
      'DynamoDR-Prod-Orders-PitrDisabled': 'OK',
    });
    expect(subjects().filter((s) => s.startsWith('ALARM'))).toEqual([
      expect.stringMatching(/^ALARM: "DynamoDR-Prod-Audit-PitrDisabled" in /),
    ]);
  });

  it('sends a call turning PITR off on a watched table to the topic, through the deployed rule', async () => {
    await new DynamoDBClient(sandbox.clientConfig).send(
      new UpdateContinuousBackupsCommand({
        TableName: ORDERS,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false },
      }),
    );
    const events = sandbox
      .snsMessages(topicArn)
      .map((m) => JSON.parse(m.Message) as { 'detail-type'?: string; detail?: Record<string, unknown> })
      .filter((m) => m['detail-type'] === 'AWS API Call via CloudTrail');
    expect(
      events.map((e) => [e.detail?.eventName, (e.detail?.requestParameters as { tableName?: string }).tableName]),
    ).toEqual([['UpdateContinuousBackups', ORDERS]]);
  });
});
