import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  InvalidParameterCombinationException,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  ResourceNotFound,
  SetAlarmStateCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';

// The real CloudWatchClient against the sandbox. Alarms are evaluated on demand (sandbox.evaluateAlarms), as
// the sandbox's timer would, so each test controls when; one test lets the timer do it.
let sandbox: Sandbox;
let cloudwatch: CloudWatchClient;
let topicArn: string;

const TABLE = [{ Name: 'TableName', Value: 'orders' }];

/** The monitor's alarm on PitrEnabled: below 1 is ALARM, and a monitor that stops reporting alarms too. */
function pitrAlarm(name: string, overrides: Partial<PutMetricAlarmCommandInput> = {}): PutMetricAlarmCommandInput {
  return {
    AlarmName: name,
    Namespace: 'DynamoDR',
    MetricName: 'PitrEnabled',
    Dimensions: [{ Name: 'TableName', Value: name }],
    Statistic: 'Minimum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'LessThanThreshold',
    TreatMissingData: 'breaching',
    AlarmActions: [topicArn],
    OKActions: [topicArn],
    ...overrides,
  };
}

async function publish(table: string, value: number, at = new Date()) {
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'DynamoDR',
      MetricData: [
        { MetricName: 'PitrEnabled', Dimensions: [{ Name: 'TableName', Value: table }], Value: value, Timestamp: at },
      ],
    }),
  );
}

async function alarm(name: string) {
  const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return MetricAlarms?.[0];
}

const notifications = (alarmName: string) =>
  sandbox
    .snsMessages(topicArn)
    .map((m) => ({ subject: m.Subject, body: JSON.parse(m.Message) as Record<string, unknown> }))
    .filter((m) => m.body.AlarmName === alarmName);

beforeAll(async () => {
  sandbox = await startSandbox({ alarmEvaluationMs: 3_600_000 });
  cloudwatch = new CloudWatchClient(sandbox.clientConfig);
  const sns = new SNSClient(sandbox.clientConfig);
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'dr-alarms' }))).TopicArn as string;
});
afterAll(() => sandbox.stop());

describe('CloudWatch alarms over published metrics', () => {
  it('moves the PitrEnabled alarm to ALARM when 0 is published, and notifies the topic with AWS message shape', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('orders')));
    expect((await alarm('orders'))?.StateValue).toBe('INSUFFICIENT_DATA');
    const minute = new Date();
    await publish('orders', 0, minute);
    sandbox.evaluateAlarms();

    const described = await alarm('orders');
    expect(described?.StateValue).toBe('ALARM');
    expect(described?.StateReason).toMatch(
      /^Threshold Crossed: 1 out of the last 1 datapoints \[0\.0 \(.+\)\] was less than the threshold \(1\.0\)/,
    );
    const [note] = notifications('orders');
    expect(note?.subject).toBe('ALARM: "orders" in US East (N. Virginia)');
    expect(note?.body).toMatchObject({
      NewStateValue: 'ALARM',
      OldStateValue: 'INSUFFICIENT_DATA',
      AlarmArn: described?.AlarmArn,
      Trigger: {
        MetricName: 'PitrEnabled',
        Namespace: 'DynamoDR',
        Statistic: 'MINIMUM',
        Dimensions: [{ name: 'TableName', value: 'orders' }],
        Threshold: 1,
      },
    });

    await publish('orders', 1, minute);
    sandbox.evaluateAlarms();
    // The published 1 joins the same minute as the 0: Minimum stays 0, the alarm stays in ALARM.
    expect((await alarm('orders'))?.StateValue).toBe('ALARM');
    expect(notifications('orders')).toHaveLength(1);
  });

  it('treats missing data as breaching: a monitor that never reports moves the alarm to ALARM', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('silent')));
    sandbox.evaluateAlarms();
    const described = await alarm('silent');
    expect(described?.StateValue).toBe('ALARM');
    expect(described?.StateReason).toBe(
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].',
    );
    expect(notifications('silent').map((n) => n.body.NewStateValue)).toEqual(['ALARM']);
  });

  it('with missing data treated as missing, goes to INSUFFICIENT_DATA and sends nothing to AlarmActions', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('quiet', { TreatMissingData: 'missing' })));
    await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'quiet', StateValue: 'OK', StateReason: 'test' }));
    sandbox.evaluateAlarms();
    expect((await alarm('quiet'))?.StateValue).toBe('INSUFFICIENT_DATA');
    expect(notifications('quiet').map((n) => n.body.NewStateValue)).toEqual(['OK']);
  });

  it('SetAlarmState holds until the next evaluation, runs the actions, and both changes are in the history', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('tested')));
    await publish('tested', 1);
    sandbox.evaluateAlarms();
    expect((await alarm('tested'))?.StateValue).toBe('OK');

    await cloudwatch.send(
      new SetAlarmStateCommand({
        AlarmName: 'tested',
        StateValue: 'ALARM',
        StateReason: 'dynamo-dr check --test-alarms',
      }),
    );
    expect((await alarm('tested'))?.StateValue).toBe('ALARM');
    sandbox.evaluateAlarms();
    expect((await alarm('tested'))?.StateValue).toBe('OK');

    const { AlarmHistoryItems } = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: 'tested',
        HistoryItemType: 'StateUpdate',
        ScanBy: 'TimestampAscending',
      }),
    );
    expect(AlarmHistoryItems?.map((h) => h.HistorySummary)).toEqual([
      'Alarm updated from INSUFFICIENT_DATA to OK',
      'Alarm updated from OK to ALARM',
      'Alarm updated from ALARM to OK',
    ]);
    const manual = JSON.parse(AlarmHistoryItems?.[1]?.HistoryData ?? '{}') as { newState: { stateReason: string } };
    expect(manual.newState.stateReason).toBe('dynamo-dr check --test-alarms');
    expect(AlarmHistoryItems?.[1]?.Timestamp).toBeInstanceOf(Date);
    expect(notifications('tested').map((n) => n.body.NewStateValue)).toEqual(['OK', 'ALARM', 'OK']);
    const actions = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'tested', HistoryItemType: 'Action' }),
    );
    expect(actions.AlarmHistoryItems?.[0]?.HistorySummary).toBe(`Successfully executed action ${topicArn}`);
  });

  it('evaluates on its timer too', async () => {
    const timed = await startSandbox({ alarmEvaluationMs: 50 });
    try {
      const client = new CloudWatchClient(timed.clientConfig);
      await client.send(new PutMetricAlarmCommand({ ...pitrAlarm('timed'), AlarmActions: [], OKActions: [] }));
      await expect
        .poll(async () => (await client.send(new DescribeAlarmsCommand({}))).MetricAlarms?.[0]?.StateValue, {
          timeout: 5000,
        })
        .toBe('ALARM');
    } finally {
      await timed.stop();
    }
  });

  it('evaluates when asked over the admin route, for a test in another process', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('remote', { AlarmActions: [], OKActions: [] })));
    const response = await fetch(`${sandbox.endpoint}/_sandbox/cloudwatch/evaluate`, { method: 'POST' });
    const { alarms } = (await response.json()) as { alarms: { AlarmName: string; StateValue: string }[] };
    expect(alarms).toContainEqual({ AlarmName: 'remote', StateValue: 'ALARM' });
    expect((await alarm('remote'))?.StateValue).toBe('ALARM');
  });

  it('takes a PutMetricData large enough for the client to gzip it', async () => {
    const at = new Date();
    const MetricData = Array.from({ length: 400 }, (_, i) => ({
      MetricName: 'WindowDeficitSeconds',
      Dimensions: [{ Name: 'TableName', Value: 'bulk' }],
      Value: i,
      Timestamp: at,
    }));
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'DynamoDR', MetricData }));
    const { Datapoints } = await cloudwatch.send(
      new GetMetricStatisticsCommand({
        Namespace: 'DynamoDR',
        MetricName: 'WindowDeficitSeconds',
        Dimensions: [{ Name: 'TableName', Value: 'bulk' }],
        StartTime: new Date(at.getTime() - 60_000),
        EndTime: new Date(at.getTime() + 60_000),
        Period: 60,
        Statistics: ['SampleCount', 'Sum', 'Maximum'],
        ExtendedStatistics: ['p50'],
      }),
    );
    expect(
      Datapoints?.map(({ SampleCount, Sum, Maximum, ExtendedStatistics }) => ({
        SampleCount,
        Sum,
        Maximum,
        ExtendedStatistics,
      })),
    ).toEqual([{ SampleCount: 400, Sum: (399 * 400) / 2, Maximum: 399, ExtendedStatistics: { p50: 199 } }]);
  });

  it('records an action that could not run (a topic that does not exist) as failed', async () => {
    const gone = topicArn.replace('dr-alarms', 'deleted-topic');
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('orphan', { AlarmActions: [gone], OKActions: [] })));
    sandbox.evaluateAlarms();
    const { AlarmHistoryItems } = await cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: 'orphan', HistoryItemType: 'Action' }),
    );
    expect(AlarmHistoryItems?.[0]?.HistorySummary).toBe(
      `Failed to execute action ${gone}. Received error: "Topic does not exist"`,
    );
  });
});

describe('CloudWatch errors', () => {
  it('answers ResourceNotFound for SetAlarmState and DeleteAlarms of an unknown alarm, deleting nothing', async () => {
    await cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('kept')));
    const unknown = cloudwatch.send(
      new SetAlarmStateCommand({ AlarmName: 'no-such', StateValue: 'OK', StateReason: 'x' }),
    );
    await expect(unknown).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(unknown).rejects.toMatchObject({
      message: 'Alarm no-such does not exist',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['kept', 'no-such'] }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
    expect(await alarm('kept')).toBeDefined();
  });

  it('refuses a bad period or statistic combination naming it, and creates no alarm', async () => {
    await expect(
      cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('bad-period', { Period: 45 }))),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Period must be 10, 30 or a multiple of 60',
    });
    await expect(
      cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('bad-stat', { ExtendedStatistic: 'p99' }))),
    ).rejects.toBeInstanceOf(InvalidParameterCombinationException);
    await expect(
      cloudwatch.send(new PutMetricAlarmCommand(pitrAlarm('bad-count', { EvaluationPeriods: 0 }))),
    ).rejects.toMatchObject({
      message:
        "1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    const { MetricAlarms } = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'bad-' }));
    expect(MetricAlarms).toEqual([]);
  });

  it('refuses a metric-math alarm with the sandbox message and takes an alarm with tags, creating only that one', async () => {
    await expect(
      cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: 'math-alarm',
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'LessThanThreshold',
          Metrics: [
            { Id: 'e1', Expression: 'm1 * 2', ReturnData: true },
            {
              Id: 'm1',
              MetricStat: { Metric: { Namespace: 'DynamoDR', MetricName: 'PitrEnabled' }, Period: 60, Stat: 'Minimum' },
              ReturnData: false,
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('instead of Metrics or ThresholdMetricId'),
    });
    await cloudwatch.send(
      new PutMetricAlarmCommand(pitrAlarm('tagged-alarm', { Tags: [{ Key: 'team', Value: 'sre' }] })),
    );
    const { MetricAlarms } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['math-alarm', 'tagged-alarm'] }),
    );
    expect(MetricAlarms?.map((a) => a.AlarmName)).toEqual(['tagged-alarm']);
  });

  it('refuses PutMetricData into an AWS/ namespace, or with a value and a statistic set, storing none of the request', async () => {
    await expect(
      cloudwatch.send(
        new PutMetricDataCommand({ Namespace: 'AWS/DynamoDB', MetricData: [{ MetricName: 'X', Value: 1 }] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'The value AWS/DynamoDB for parameter Namespace is invalid.',
    });
    await expect(
      cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'DynamoDR',
          MetricData: [
            { MetricName: 'Half', Dimensions: TABLE, Value: 1 },
            {
              MetricName: 'Half',
              Dimensions: TABLE,
              Value: 1,
              StatisticValues: { SampleCount: 1, Sum: 1, Minimum: 1, Maximum: 1 },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombinationException',
      message:
        'The parameters MetricData.member.2.Value and MetricData.member.2.StatisticValues are mutually exclusive and you have specified both.',
    });
    await cloudwatch.send(
      new PutMetricAlarmCommand(
        pitrAlarm('half', { MetricName: 'Half', Dimensions: TABLE, TreatMissingData: 'missing' }),
      ),
    );
    sandbox.evaluateAlarms();
    expect((await alarm('half'))?.StateValue).toBe('INSUFFICIENT_DATA');
  });
});
