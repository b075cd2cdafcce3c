import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { awsCli } from '../awsCliRun.js';

let sandbox: Sandbox;
let cfn: CloudFormationClient;
let dynamodb: DynamoDBClient;
const work = mkdtempSync(path.join(tmpdir(), 'ddr-cfn-deploy-'));

beforeAll(async () => {
  sandbox = await startSandbox();
  cfn = new CloudFormationClient(sandbox.clientConfig);
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
});

const tableTemplate = (tableName: string, billing: 'PAY_PER_REQUEST' | 'PROVISIONED') =>
  JSON.stringify({
    Resources: {
      Data: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: tableName,
          BillingMode: billing,
          ...(billing === 'PROVISIONED' && { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        },
      },
      Topic: { Type: 'AWS::SNS::Topic' },
    },
  });
const tables = async () => (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];

describe('change sets', () => {
  it('a CREATE change set lists what it would add and creates nothing until executed', async () => {
    const created = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'reviewed',
        ChangeSetName: 'first',
        ChangeSetType: 'CREATE',
        TemplateBody: tableTemplate('reviewed-data', 'PAY_PER_REQUEST'),
      }),
    );
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'reviewed' }))).Stacks?.[0];
    expect(stack?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id }));
    expect(described).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE', StackName: 'reviewed' });
    expect(described.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([
      ['Add', 'Data'],
      ['Add', 'Topic'],
    ]);
    expect(await tables()).not.toContain('reviewed-data');

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: 'first', StackName: 'reviewed' }));
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'reviewed' }))).Stacks?.[0]?.StackStatus).toBe(
      'CREATE_COMPLETE',
    );
    expect(await tables()).toContain('reviewed-data');
  });

  it('an UPDATE change set shows a modified resource and whether it is replaced; no change is a FAILED change set', async () => {
    const update = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'reviewed',
        ChangeSetName: 'billing',
        TemplateBody: tableTemplate('reviewed-data', 'PROVISIONED'),
      }),
    );
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: update.Id }));
    expect(described.Changes).toHaveLength(1);
    expect(described.Changes?.[0]?.ResourceChange).toMatchObject({
      Action: 'Modify',
      LogicalResourceId: 'Data',
      PhysicalResourceId: 'reviewed-data',
      Replacement: 'False',
    });
    const renamed = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'reviewed',
        ChangeSetName: 'rename',
        TemplateBody: tableTemplate('reviewed-data-2', 'PAY_PER_REQUEST'),
      }),
    );
    const replacement = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: renamed.Id }));
    expect(replacement.Changes?.[0]?.ResourceChange).toMatchObject({ Action: 'Modify', Replacement: 'True' });

    const same = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'reviewed',
        ChangeSetName: 'nothing',
        TemplateBody: tableTemplate('reviewed-data', 'PAY_PER_REQUEST'),
      }),
    );
    expect(await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: same.Id }))).toMatchObject({
      Status: 'FAILED',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    await expect(cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: same.Id }))).rejects.toThrow(
      'cannot be executed in its current status of [FAILED]',
    );
    expect(
      (await dynamodb.send(new DescribeTableCommand({ TableName: 'reviewed-data' }))).Table?.BillingModeSummary
        ?.BillingMode,
    ).toBe('PAY_PER_REQUEST');
  });
});

describe('aws cloudformation deploy', () => {
  it('creates the stack, updates it, and reports no changes when there are none', async () => {
    const file = path.join(work, 'template.json');
    writeFileSync(file, tableTemplate('cli-data', 'PAY_PER_REQUEST'));
    const deploy = ['cloudformation', 'deploy', '--template-file', file, '--stack-name', 'cli-stack'];

    const created = await awsCli(sandbox, ...deploy);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Successfully created/updated stack - cli-stack');
    expect(await tables()).toContain('cli-data');

    const unchanged = await awsCli(sandbox, ...deploy, '--no-fail-on-empty-changeset');
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toContain('No changes to deploy. Stack cli-stack is up to date');

    // --s3-bucket: the CLI uploads the template and passes its TemplateURL.
    await awsCli(sandbox, 's3', 'mb', 's3://cli-templates');
    writeFileSync(file, tableTemplate('cli-data', 'PROVISIONED'));
    const updated = await awsCli(sandbox, ...deploy, '--s3-bucket', 'cli-templates');
    expect(updated.code, updated.stderr).toBe(0);
    const described = await dynamodb.send(new DescribeTableCommand({ TableName: 'cli-data' }));
    expect(described.Table?.ProvisionedThroughput?.ReadCapacityUnits).toBe(5);
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'cli-stack' }));
    expect(resources.StackResourceSummaries?.map((r) => r.ResourceStatus).sort()).toEqual([
      'CREATE_COMPLETE',
      'UPDATE_COMPLETE',
    ]);
  });
});
