import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { expect, it } from 'vitest';
import { startSandbox } from '../src/index.js';

it('keeps topics, messages, metrics, alarms with their state and history, and rules across a restart with a data directory', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-monitoring-'));
  const options = { dataDir, alarmEvaluationMs: 3_600_000 };
  const first = await startSandbox(options);
  let topicArn: string;
  const published = new Date();
  try {
    const sns = new SNSClient(first.clientConfig);
    const cloudwatch = new CloudWatchClient(first.clientConfig);
    const events = new EventBridgeClient(first.clientConfig);
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'kept' }))).TopicArn as string;
    await cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'DynamoDR',
        MetricData: [{ MetricName: 'RetentionSeconds', Value: 86400, Timestamp: published }],
      }),
    );
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'short-retention',
        Namespace: 'DynamoDR',
        MetricName: 'RetentionSeconds',
        Statistic: 'Minimum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 86400 * 35,
        ComparisonOperator: 'LessThanThreshold',
        AlarmActions: [topicArn],
      }),
    );
    first.evaluateAlarms();
    await events.send(
      new PutRuleCommand({ Name: 'kept-rule', EventPattern: JSON.stringify({ source: ['aws.dynamodb'] }) }),
    );
    await events.send(new PutTargetsCommand({ Rule: 'kept-rule', Targets: [{ Id: 'topic', Arn: topicArn }] }));
  } finally {
    await first.stop();
  }

  const second = await startSandbox(options);
  try {
    const cloudwatch = new CloudWatchClient(second.clientConfig);
    const { Topics } = await new SNSClient(second.clientConfig).send(new ListTopicsCommand({}));
    expect(Topics).toEqual([{ TopicArn: topicArn }]);
    expect(second.snsMessages(topicArn).map((m) => m.Subject)).toEqual([
      `ALARM: "short-retention" in US East (N. Virginia)`,
    ]);
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(MetricAlarms?.map((a) => [a.AlarmName, a.StateValue])).toEqual([['short-retention', 'ALARM']]);
    const { AlarmHistoryItems } = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'short-retention' }),
    );
    expect(AlarmHistoryItems?.map((h) => h.HistoryItemType)).toEqual(['Action', 'StateUpdate', 'ConfigurationUpdate']);
    const { Datapoints } = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'DynamoDR',
        MetricName: 'RetentionSeconds',
        StartTime: new Date(published.getTime() - 120_000),
        EndTime: new Date(published.getTime() + 60_000),
        Period: 60,
        Statistics: ['Minimum'],
      }),
    );
    expect(Datapoints?.map((d) => d.Minimum)).toEqual([86400]);
    const { Targets } = await new EventBridgeClient(second.clientConfig).send(
      new ListTargetsByRuleCommand({ Rule: 'kept-rule' }),
    );
    expect(Targets).toEqual([{ Id: 'topic', Arn: topicArn }]);
  } finally {
    await second.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
