import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

it('serves an unmodified DynamoDBClient: a written item reads back', async () => {
  const ddb = new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  await ddb.send(
    new CreateTableCommand({
      TableName: 'smoke',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'smoke', Item: { pk: { S: 'a' }, n: { N: '1' } } }));
  const got = await ddb.send(new GetItemCommand({ TableName: 'smoke', Key: { pk: { S: 'a' } } }));
  expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
});

it('refuses a negative Step Functions time scale before starting anything', async () => {
  await expect(startSandbox({ stepFunctionsTimeScale: -1 })).rejects.toThrow(
    'stepFunctionsTimeScale must be a number ≥ 0 (1 is real time), not -1.',
  );
});
