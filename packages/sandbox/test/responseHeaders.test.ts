import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { createTable } from './faults/faultTestKit.js';

// What AWS puts on every answer: `x-amzn-RequestId`, and for DynamoDB `x-amz-crc32`, the CRC32 of the body bytes,
// which botocore (the AWS CLI, boto3) checks when present
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.LowLevelAPI.html).

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  const ddb = new DynamoDBClient(sandbox.clientConfig);
  await createTable(ddb, 'headers');
  ddb.destroy();
});
afterAll(() => sandbox.stop());

/** A raw signed-looking request (the sandbox checks no signature), answered as bytes with its headers. */
async function call(target: string, body: unknown, contentType = 'application/x-amz-json-1.0') {
  const res = await fetch(sandbox.endpoint, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=x/20260101/${sandbox.region}/dynamodb/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('DynamoDB answers carry a request id and the CRC32 of their body', () => {
  it.each([
    ['a passthrough operation', 'DynamoDB_20120810.Scan', { TableName: 'headers' }, 200],
    ['an emulated operation', 'DynamoDB_20120810.DescribeTable', { TableName: 'headers' }, 200],
    ['an emulated write', 'DynamoDB_20120810.PutItem', { TableName: 'headers', Item: { pk: { S: 'a' } } }, 200],
    ['an error', 'DynamoDB_20120810.DescribeTable', { TableName: 'missing' }, 400],
    ['a validation error', 'DynamoDB_20120810.CreateBackup', { TableName: 'headers' }, 400],
  ])('%s', async (_, target, body, status) => {
    const answer = await call(target, body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^\S{20,}$/);
    expect(answer.headers.get('x-amz-crc32')).toBe(String(crc32(answer.body)));
  });

  it('gives each answer its own request id, which the SDK reports', async () => {
    const ddb = new DynamoDBClient(sandbox.clientConfig);
    const first = await ddb.send(new ListTablesCommand({}));
    const second = await ddb.send(new ListTablesCommand({}));
    ddb.destroy();
    expect(first.$metadata.requestId).toBeDefined();
    expect(first.$metadata.requestId).not.toBe(second.$metadata.requestId);
  });
});

it('SSM and Lambda answers carry a request id too', async () => {
  const ssm = await call('AmazonSSM.GetParameter', { Name: '/missing' }, 'application/x-amz-json-1.1');
  expect(ssm.status).toBe(400);
  expect(ssm.headers.get('x-amzn-requestid')).toMatch(/^\S{20,}$/);
  const lambda = await fetch(`${sandbox.endpoint}/2015-03-31/functions/`);
  expect(lambda.status).toBe(200);
  expect(lambda.headers.get('x-amzn-requestid')).toMatch(/^\S{20,}$/);
});
