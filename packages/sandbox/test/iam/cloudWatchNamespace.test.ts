import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { roleSession } from './roleSession.js';

// A role may publish metrics in one namespace only (`cloudwatch:namespace`, as dynamo-dr's monitor role is
// scoped): small requests and large ones, which the SDK sends gzip-compressed, are judged alike.
let sandbox: Sandbox;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  cloudwatch = new CloudWatchClient(
    await roleSession(sandbox, 'monitor', [
      {
        Effect: 'Allow',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': 'DynamoDR' } },
      },
    ]),
  );
});
afterAll(async () => {
  cloudwatch.destroy();
  await sandbox.stop();
});

const data = (count: number): MetricDatum[] =>
  Array.from({ length: count }, (_, i) => ({
    MetricName: 'WindowDeficitSeconds',
    Value: i,
    Dimensions: [{ Name: 'TableName', Value: `Prod-Table-${String(i).padStart(4, '0')}` }],
  }));

it.each([
  ['a small request', 1],
  ['a gzip-compressed one', 300],
])('PutMetricData in the allowed namespace only, for %s', async (_, count) => {
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'DynamoDR', MetricData: data(count) }));
  const refused = await cloudwatch
    .send(new PutMetricDataCommand({ Namespace: 'Other', MetricData: data(count) }))
    .catch((error: Error) => error);
  expect(refused).toMatchObject({
    name: 'AccessDeniedException',
    message: expect.stringContaining('is not authorized to perform: cloudwatch:PutMetricData on resource: *'),
  });
});
