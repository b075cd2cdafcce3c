import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { awsCli, awsJson } from '../awsCliRun.js';

// The AWS CLI v1 (botocore: CloudWatch over JSON 1.0, SNS over the query protocol) against the sandbox,
// to show a client other than the SDK v3 gets the same service.
let sandbox: Sandbox;
const aws = (...args: string[]) => awsJson(sandbox, ...args);

beforeAll(async () => {
  sandbox = await startSandbox({ alarmEvaluationMs: 3_600_000 });
});
afterAll(() => sandbox.stop());

describe('the AWS CLI v1 against CloudWatch and SNS', () => {
  it('publishes a metric, alarms on it, and the notification lands on the topic beside a published message', async () => {
    const { TopicArn } = (await aws('sns', 'create-topic', '--name', 'cli-alarms')) as { TopicArn: string };
    await aws('sns', 'publish', '--topic-arn', TopicArn, '--subject', 'hello', '--message', 'from the CLI');
    await aws(
      'cloudwatch', 'put-metric-alarm', '--alarm-name', 'cli-pitr', '--namespace', 'DynamoDR',
      '--metric-name', 'PitrEnabled', '--dimensions', 'Name=TableName,Value=orders', '--statistic', 'Minimum',
      '--period', '60', '--evaluation-periods', '1', '--threshold', '1', '--comparison-operator', 'LessThanThreshold',
      '--alarm-actions', TopicArn,
    ); // prettier-ignore
    await aws(
      'cloudwatch', 'put-metric-data', '--namespace', 'DynamoDR', '--metric-name', 'PitrEnabled',
      '--dimensions', 'TableName=orders', '--value', '0',
    ); // prettier-ignore
    sandbox.evaluateAlarms();

    const described = (await aws('cloudwatch', 'describe-alarms', '--alarm-names', 'cli-pitr')) as {
      MetricAlarms: { StateValue: string }[];
    };
    expect(described.MetricAlarms[0]?.StateValue).toBe('ALARM');
    const messages = sandbox.snsMessages(TopicArn);
    expect(messages.map((m) => m.Subject)).toEqual(['hello', 'ALARM: "cli-pitr" in US East (N. Virginia)']);
    expect(JSON.parse(messages[1]?.Message ?? '{}')).toMatchObject({ AlarmName: 'cli-pitr', NewStateValue: 'ALARM' });
  });

  it('gets AWS error codes: NotFound from SNS, ResourceNotFound from CloudWatch', async () => {
    const missingTopic = `arn:aws:sns:${sandbox.region}:${SANDBOX_ACCOUNT}:none`;
    const published = await awsCli(sandbox, 'sns', 'publish', '--topic-arn', missingTopic, '--message', 'x');
    expect(published.code).not.toBe(0);
    expect(published.stderr).toContain(
      'An error occurred (NotFound) when calling the Publish operation: Topic does not exist',
    );
    const missingAlarm = ['--alarm-name', 'none', '--state-value', 'OK', '--state-reason', 'x'];
    const set = await awsCli(sandbox, 'cloudwatch', 'set-alarm-state', ...missingAlarm);
    expect(set.code).not.toBe(0);
    expect(set.stderr).toContain('An error occurred (ResourceNotFound) when calling the SetAlarmState operation');
  });
});
