import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { roleSession } from './roleSession.js';

// CloudWatch's and S3's IAM mappings, with the real clients: a role allowed to publish in one namespace and to
// read one prefix of a bucket (what dynamo-dr's monitor gets) can do that and nothing more.
let sandbox: Sandbox;
let role: { cloudwatch: CloudWatchClient; s3: S3Client };

const denied = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('the request was allowed'),
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      status: error.$metadata?.httpStatusCode,
      message: error.message,
    }),
  );

beforeAll(async () => {
  sandbox = await startSandbox();
  const s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: 'dr-reports' }));
  for (const Key of ['drills/a.json', 'private/b.json']) {
    await s3.send(new PutObjectCommand({ Bucket: 'dr-reports', Key, Body: '{}' }));
  }
  await new CloudWatchClient(sandbox.clientConfig).send(
    new PutMetricAlarmCommand({
      AlarmName: 'any',
      Namespace: 'DynamoDR',
      MetricName: 'PitrEnabled',
      Statistic: 'Minimum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
    }),
  );
  const credentials = await roleSession(sandbox, 'monitor', [
    {
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'DynamoDR' } },
    },
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::dr-reports',
      Condition: { StringLike: { 's3:prefix': 'drills/*' } },
    },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::dr-reports/drills/*' },
  ]);
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    maxAttempts: 1,
    credentials,
  };
  role = { cloudwatch: new CloudWatchClient(config), s3: new S3Client(config) };
});
afterAll(() => sandbox.stop());

describe('CloudWatch and S3 enforce the policies of role sessions', () => {
  it('CloudWatch: PutMetricData in the allowed namespace only; nothing on alarms', async () => {
    const put = (Namespace: string) =>
      role.cloudwatch.send(
        new PutMetricDataCommand({ Namespace, MetricData: [{ MetricName: 'PitrEnabled', Value: 1 }] }),
      );
    await put('DynamoDR');
    expect(await denied(put('Other'))).toMatchObject({
      status: 400,
      message: expect.stringContaining('is not authorized to perform: cloudwatch:PutMetricData on resource: *'),
    });
    expect(
      await denied(
        role.cloudwatch.send(new SetAlarmStateCommand({ AlarmName: 'any', StateValue: 'OK', StateReason: 'x' })),
      ),
    ).toMatchObject({
      message: expect.stringContaining(
        `cloudwatch:SetAlarmState on resource: arn:aws:cloudwatch:${sandbox.region}:${SANDBOX_ACCOUNT}:alarm:any`,
      ),
    });
  });

  it('S3: lists and reads under the allowed prefix only (AccessDenied, 403)', async () => {
    const listed = await role.s3.send(new ListObjectsV2Command({ Bucket: 'dr-reports', Prefix: 'drills/' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['drills/a.json']);
    const read = await role.s3.send(new GetObjectCommand({ Bucket: 'dr-reports', Key: 'drills/a.json' }));
    expect(await read.Body?.transformToString()).toBe('{}');
    expect(await denied(role.s3.send(new ListObjectsV2Command({ Bucket: 'dr-reports' })))).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect(
      await denied(role.s3.send(new GetObjectCommand({ Bucket: 'dr-reports', Key: 'private/b.json' }))),
    ).toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('s3:GetObject on resource: arn:aws:s3:::dr-reports/private/b.json'),
    });
    expect(
      await denied(role.s3.send(new PutObjectCommand({ Bucket: 'dr-reports', Key: 'drills/c.json', Body: '{}' }))),
    ).toMatchObject({ name: 'AccessDenied' });
  });
});
