import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, ListRulesCommand, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { roleSession } from './roleSession.js';

// Role credentials at S3 and the monitoring services: each request needs the IAM action AWS's Service
// Authorization Reference names, on the resource it names, and a refusal changes nothing.
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ alarmEvaluationMs: 3_600_000 });
});
afterAll(() => sandbox.stop());

/** The error a call fails with (name, HTTP status, message), or a test failure if it succeeds. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  expect(error, 'expected the call to be refused').toBeDefined();
  return { name: error?.name, status: error?.$metadata?.httpStatusCode, message: error?.message };
}

const principal = (role: string) => `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/${role}/test`;

describe('S3', () => {
  it('a role allowed GetObject on one prefix reads there, and is refused elsewhere and for writes', async () => {
    const operator = new S3Client(sandbox.clientConfig);
    await operator.send(new CreateBucketCommand({ Bucket: 'exports' }));
    for (const Key of ['reports/2026.json', 'secrets/keys.json']) {
      await operator.send(new PutObjectCommand({ Bucket: 'exports', Key, Body: `content of ${Key}` }));
    }
    const reader = new S3Client(
      await roleSession(sandbox, 'report-reader', [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::exports/reports/*' },
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::exports',
          Condition: { StringLike: { 's3:prefix': 'reports/*' } },
        },
      ]),
    );
    const read = await reader.send(new GetObjectCommand({ Bucket: 'exports', Key: 'reports/2026.json' }));
    expect(await read.Body?.transformToString()).toBe('content of reports/2026.json');
    const listed = await reader.send(new ListObjectsV2Command({ Bucket: 'exports', Prefix: 'reports/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['reports/2026.json']);

    expect(await refusal(reader.send(new GetObjectCommand({ Bucket: 'exports', Key: 'secrets/keys.json' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${principal('report-reader')} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::exports/secrets/keys.json because no identity-based policy allows the s3:GetObject action`,
    });
    expect(await refusal(reader.send(new ListObjectsV2Command({ Bucket: 'exports' })))).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:ListBucket on resource: arn:aws:s3:::exports'),
    });
    const write = reader.send(new PutObjectCommand({ Bucket: 'exports', Key: 'reports/2026.json', Body: 'changed' }));
    expect(await refusal(write)).toMatchObject({ name: 'AccessDenied', status: 403 });
    const kept = await operator.send(new GetObjectCommand({ Bucket: 'exports', Key: 'reports/2026.json' }));
    expect(await kept.Body?.transformToString()).toBe('content of reports/2026.json');
    reader.destroy();
    operator.destroy();
  });
});

describe('the monitoring services', () => {
  it('SNS, CloudWatch and EventBridge allow what the policy names and refuse the rest, creating nothing', async () => {
    const arn = (service: string, resource: string) =>
      `arn:aws:${service}:${sandbox.region}:${SANDBOX_ACCOUNT}:${resource}`;
    const operatorSns = new SNSClient(sandbox.clientConfig);
    const { TopicArn: alarms } = await operatorSns.send(new CreateTopicCommand({ Name: 'alarms' }));
    const { TopicArn: other } = await operatorSns.send(new CreateTopicCommand({ Name: 'other' }));
    const config = await roleSession(sandbox, 'monitor', [
      { Effect: 'Allow', Action: 'sns:Publish', Resource: arn('sns', 'alarms') },
      { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' },
      { Effect: 'Allow', Action: 'events:ListRules', Resource: '*' },
    ]);
    const sns = new SNSClient(config);
    const cloudWatch = new CloudWatchClient(config);
    const events = new EventBridgeClient(config);

    await sns.send(new PublishCommand({ TopicArn: alarms, Message: 'allowed' }));
    expect(await refusal(sns.send(new PublishCommand({ TopicArn: other, Message: 'refused' })))).toEqual({
      name: 'AccessDenied',
      status: 403,
      message: `User: ${principal('monitor')} is not authorized to perform: sns:Publish on resource: ${other} because no identity-based policy allows the sns:Publish action`,
    });
    expect(sandbox.snsMessages(alarms as string).map((m) => m.Message)).toEqual(['allowed']);
    expect(sandbox.snsMessages(other as string)).toEqual([]);

    await cloudWatch.send(new PutMetricDataCommand({ Namespace: 'DR', MetricData: [{ MetricName: 'Up', Value: 1 }] }));
    const alarm = cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'pitr-off',
        Namespace: 'DR',
        MetricName: 'Up',
        Statistic: 'Minimum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
      }),
    );
    expect(await refusal(alarm)).toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(`cloudwatch:PutMetricAlarm on resource: ${arn('cloudwatch', 'alarm:pitr-off')}`),
    });
    expect(sandbox.evaluateAlarms()).toEqual([]);

    expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
    const rule = events.send(new PutRuleCommand({ Name: 'pitr-changes', EventPattern: '{"source":["aws.dynamodb"]}' }));
    expect(await refusal(rule)).toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(`events:PutRule on resource: ${arn('events', 'rule/pitr-changes')}`),
    });
    expect((await new EventBridgeClient(sandbox.clientConfig).send(new ListRulesCommand({}))).Rules).toEqual([]);
    for (const client of [sns, cloudWatch, events, operatorSns]) client.destroy();
  });
});
