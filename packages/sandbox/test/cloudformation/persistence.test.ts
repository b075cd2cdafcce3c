import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { startSandbox } from '../../src/index.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ddr-cfn-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('with a data directory, a stack and its resources survive a restart and can then be deleted', async () => {
  const template = JSON.stringify({
    Resources: {
      Data: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        },
      },
    },
  });
  const first = await startSandbox({ dataDir });
  await new CloudFormationClient(first.clientConfig).send(
    new CreateStackCommand({ StackName: 'kept', TemplateBody: template }),
  );
  await first.stop();

  const second = await startSandbox({ dataDir });
  try {
    const cfn = new CloudFormationClient(second.clientConfig);
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'kept' }))).Stacks?.[0]?.StackStatus).toBe(
      'CREATE_COMPLETE',
    );
    const [table] = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'kept' }))).StackResources ?? [];
    expect(table?.PhysicalResourceId).toMatch(/^kept-Data-[A-Z0-9]{12}$/);
    const dynamodb = new DynamoDBClient(second.clientConfig);
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toContain(table?.PhysicalResourceId);
    await cfn.send(new DeleteStackCommand({ StackName: 'kept' }));
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).not.toContain(table?.PhysicalResourceId);
  } finally {
    await second.stop();
  }
});
