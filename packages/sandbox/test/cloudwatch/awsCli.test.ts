import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { startSandbox, type Sandbox } from '../../src/index.js';

// The AWS CLI v1 (botocore: CloudWatch over JSON 1.0, SNS over the query protocol) against the sandbox,
// to show a client other than the SDK v3 gets the same service.
const run = promisify(execFile);
let sandbox: Sandbox;

async function aws(...args: string[]): Promise<unknown> {
  const { stdout } = await run('aws', ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args], {
    env: {
      ...process.env,
      ...sandbox.env,
      AWS_DEFAULT_REGION: sandbox.region,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    },
  });
  return stdout.trim() ? JSON.parse(stdout) : undefined;
}

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
    const missingTopic = aws(
      'sns',
      'publish',
      '--topic-arn',
      `arn:aws:sns:${sandbox.region}:${SANDBOX_ACCOUNT}:none`,
      '--message',
      'x',
    );
    await expect(missingTopic).rejects.toMatchObject({
      stderr: expect.stringContaining(
        'An error occurred (NotFound) when calling the Publish operation: Topic does not exist',
      ),
    });
    const missingAlarm = aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'none',
      '--state-value',
      'OK',
      '--state-reason',
      'x',
    );
    await expect(missingAlarm).rejects.toMatchObject({
      stderr: expect.stringContaining('An error occurred (ResourceNotFound) when calling the SetAlarmState operation'),
    });
  });
});
