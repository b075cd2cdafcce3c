import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  InsufficientCapabilitiesException,
  UpdateStackCommand,
  ValidateTemplateCommand,
  type StackResource,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { GetFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { closedExecution } from '../stepfunctions/stepFunctionsTestKit.js';
import { workflowTemplate } from './deployTemplate.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

// The real CloudFormationClient against the sandbox; resources are checked with the plain DynamoDB, Lambda
// and Step Functions clients. Statuses and events follow
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-describing-stacks.html
let sandbox: Sandbox;
let cfn: CloudFormationClient;
let dynamodb: DynamoDBClient;
let lambda: LambdaClient;
let sfn: SFNClient;
let sns: SNSClient;
let cloudwatch: CloudWatchClient;
let events: EventBridgeClient;
let iam: IAMClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  cfn = new CloudFormationClient(sandbox.clientConfig);
  dynamodb = new DynamoDBClient(sandbox.clientConfig);
  lambda = new LambdaClient(sandbox.clientConfig);
  sfn = new SFNClient(sandbox.clientConfig);
  sns = new SNSClient(sandbox.clientConfig);
  cloudwatch = new CloudWatchClient(sandbox.clientConfig);
  events = new EventBridgeClient(sandbox.clientConfig);
  iam = new IAMClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

const body = (template: object) => JSON.stringify(template);
const stackOf = async (StackName: string) => (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
const resourcesOf = async (StackName: string): Promise<Record<string, StackResource>> =>
  Object.fromEntries(
    ((await cfn.send(new DescribeStackResourcesCommand({ StackName }))).StackResources ?? []).map((r) => [
      r.LogicalResourceId,
      r,
    ]),
  );
const tableNames = async () => (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
const functionNames = async () =>
  ((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).map((f) => f.FunctionName);
const machineArns = async () =>
  ((await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).map((m) => m.stateMachineArn);

describe('a stack with a table, a role, a function and a state machine', () => {
  const StackName = 'dr-workflow';
  let before: Record<string, StackResource>;

  it('deploys: every resource created through its service, described with its physical id', async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName,
        TemplateBody: body(workflowTemplate({ pitr: true, comment: 'v1' })),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    const stack = await stackOf(StackName);
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    before = await resourcesOf(StackName);
    expect(Object.keys(before).sort()).toEqual([
      'Alarms',
      'FailureAlarm',
      'Journal',
      'Logs',
      'Nightly',
      'ThrottleAlarm',
      'WeakeningCalls',
      'Worker',
      'WorkerRole',
      'Workflow',
      'WorkflowPolicy',
    ]);
    expect(Object.values(before).map((r) => r.ResourceStatus)).toEqual(Array(11).fill('CREATE_COMPLETE'));

    expect(before.Journal?.PhysicalResourceId).toBe('dr-workflow-journal-test');
    const table = await dynamodb.send(new DescribeTableCommand({ TableName: 'dr-workflow-journal-test' }));
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    const pitr = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: 'dr-workflow-journal-test' }));
    expect(pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
      'ENABLED',
    );

    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: before.Worker?.PhysicalResourceId }));
    expect(fn.Configuration?.FunctionName).toMatch(/^dr-workflow-Worker-[A-Z0-9]{12}$/);
    expect(fn.Configuration?.Role).toMatch(/^arn:aws:iam::\d{12}:role\/dr-workflow-WorkerRole-[A-Z0-9]{12}$/);

    const machine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: before.Workflow?.PhysicalResourceId }),
    );
    expect(machine.name).toMatch(/^Workflow-[A-Z0-9]{12}$/);
    const definition = JSON.parse(machine.definition ?? '') as {
      States: { Work: { Resource: string }; Done: { Parameters: unknown } };
    };
    expect(definition.States.Work.Resource).toBe(fn.Configuration?.FunctionArn);
    expect(definition.States.Done.Parameters).toEqual({ journal: 'dr-workflow-journal-test', 'input.$': '$' });

    expect(Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
      WorkflowArn: before.Workflow?.PhysicalResourceId,
      JournalArn: table.Table?.TableArn,
      FirstZone: 'us-east-1a',
      Split: 'b',
      Stage: 'testing',
    });
    const topic = await sns.send(new GetTopicAttributesCommand({ TopicArn: before.Alarms?.PhysicalResourceId }));
    expect(topic.Attributes?.DisplayName).toBe('dynamo-dr alarms');
    const { MetricAlarms = [] } = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [before.ThrottleAlarm?.PhysicalResourceId ?? ''] }),
    );
    expect(MetricAlarms[0]).toMatchObject({
      Dimensions: [{ Name: 'TableName', Value: 'dr-workflow-journal-test' }],
      AlarmActions: [before.Alarms?.PhysicalResourceId],
    });
    const rule = before.WeakeningCalls?.PhysicalResourceId;
    expect(JSON.parse((await events.send(new DescribeRuleCommand({ Name: rule }))).EventPattern ?? '')).toEqual({
      source: ['aws.dynamodb'],
      'detail-type': ['AWS API Call via CloudTrail'],
    });
    const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: rule }));
    expect(Targets.map((t) => t.Arn)).toEqual([before.Alarms?.PhysicalResourceId]);
    expect(before.FailureAlarm?.ResourceStatusReason).toMatch(
      /AWS::CloudWatch::Alarm on metric math \(Metrics\) is not emulated by the dynamo-dr sandbox/,
    );
    expect(MetricAlarms).toHaveLength(1);
    expect(before.Nightly?.ResourceStatusReason).toMatch(
      /AWS::Scheduler::Schedule is not emulated by the dynamo-dr sandbox/,
    );
    const role = await iam.send(new GetRoleCommand({ RoleName: before.WorkerRole?.PhysicalResourceId }));
    expect(role.Role?.Arn).toBe(fn.Configuration?.Role);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: before.WorkerRole?.PhysicalResourceId, PolicyName: 'invoke-worker' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ''))).toMatchObject({
      Statement: [{ Action: 'lambda:InvokeFunction', Resource: fn.Configuration?.FunctionArn }],
    });
  });

  it("the deployed state machine runs, its Task running the function's code with the role's permissions", async () => {
    const { executionArn = '' } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: before.Workflow?.PhysicalResourceId, input: '{"table":"Orders"}' }),
    );
    const done = await closedExecution(sfn, executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({
      journal: 'dr-workflow-journal-test',
      input: { table: 'Orders' },
    });
  });

  it('UpdateStack changes only what changed, in place, and keeps every physical id', async () => {
    const started = new Date();
    await cfn.send(
      new UpdateStackCommand({
        StackName,
        TemplateBody: body(workflowTemplate({ pitr: false, comment: 'v2' })),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    expect((await stackOf(StackName))?.StackStatus).toBe('UPDATE_COMPLETE');
    const after = await resourcesOf(StackName);
    for (const id of Object.keys(before)) expect(after[id]?.PhysicalResourceId).toBe(before[id]?.PhysicalResourceId);
    const pitr = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: 'dr-workflow-journal-test' }));
    expect(pitr.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe(
      'DISABLED',
    );
    const machine = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: before.Workflow?.PhysicalResourceId }),
    );
    expect(JSON.parse(machine.definition ?? '')).toMatchObject({ Comment: 'v2' });

    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName }))).StackEvents ?? [];
    const thisUpdate = events.filter((e) => (e.Timestamp ?? started) >= started && e.LogicalResourceId !== StackName);
    expect(new Set(thisUpdate.map((e) => e.LogicalResourceId))).toEqual(new Set(['Journal', 'Worker', 'Workflow']));
    const invoked = await lambda.send(
      new InvokeCommand({ FunctionName: before.Worker?.PhysicalResourceId, Payload: Buffer.from('{"n":1}') }),
    );
    expect(JSON.parse(Buffer.from(invoked.Payload ?? []).toString())).toEqual({ n: 1, worked: 'v2' });
    expect(
      events
        .filter((e) => e.LogicalResourceId === StackName)
        .map((e) => e.ResourceStatus)
        .slice(0, 3),
    ).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_IN_PROGRESS']);
    await expect(
      cfn.send(new UpdateStackCommand({ StackName, UsePreviousTemplate: true, Capabilities: ['CAPABILITY_IAM'] })),
    ).rejects.toThrow('No updates are to be performed.');
    const template = await cfn.send(new GetTemplateCommand({ StackName }));
    expect(JSON.parse(template.TemplateBody ?? '')).toEqual(workflowTemplate({ pitr: false, comment: 'v2' }));
  });

  it('DeleteStack removes every resource, and the stack is then known only by its id', async () => {
    const { StackId } = (await stackOf(StackName)) ?? {};
    await cfn.send(new DeleteStackCommand({ StackName }));
    expect(await tableNames()).not.toContain('dr-workflow-journal-test');
    expect(await functionNames()).not.toContain(before.Worker?.PhysicalResourceId);
    expect(await machineArns()).not.toContain(before.Workflow?.PhysicalResourceId);
    const { Topics = [] } = await sns.send(new ListTopicsCommand({}));
    expect(Topics.map((t) => t.TopicArn)).not.toContain(before.Alarms?.PhysicalResourceId);
    expect((await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([]);
    expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
    const { Roles = [] } = await iam.send(new ListRolesCommand({}));
    expect(Roles.map((r) => r.RoleName)).not.toContain(before.WorkerRole?.PhysicalResourceId);
    await expect(stackOf(StackName)).rejects.toThrow(`Stack with id ${StackName} does not exist`);
    expect((await stackOf(StackId ?? ''))?.StackStatus).toBe('DELETE_COMPLETE');
  });
});

describe('templates refused or rolled back', () => {
  it('a bad resource rolls the stack back: ROLLBACK_COMPLETE, the reason in its events, nothing left', async () => {
    const template = {
      Resources: {
        Data: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'rollback-data',
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          },
        },
        Broken: {
          Type: 'AWS::StepFunctions::StateMachine',
          DependsOn: 'Data',
          Properties: {
            RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/r`,
            DefinitionString: '{"StartAt":"Nowhere","States":{}}',
          },
        },
      },
    };
    await cfn.send(new CreateStackCommand({ StackName: 'rolls-back', TemplateBody: body(template) }));
    expect((await stackOf('rolls-back'))?.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = (
      (await cfn.send(new DescribeStackEventsCommand({ StackName: 'rolls-back' }))).StackEvents ?? []
    ).reverse();
    const failed = events.find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.LogicalResourceId).toBe('Broken');
    expect(failed?.ResourceStatusReason).toMatch(/Invalid State Machine Definition/);
    expect(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual([
      'rolls-back CREATE_IN_PROGRESS',
      'Data CREATE_IN_PROGRESS',
      'Data CREATE_IN_PROGRESS',
      'Data CREATE_COMPLETE',
      'Broken CREATE_IN_PROGRESS',
      'Broken CREATE_FAILED',
      'rolls-back ROLLBACK_IN_PROGRESS',
      'Broken DELETE_IN_PROGRESS',
      'Broken DELETE_COMPLETE',
      'Data DELETE_IN_PROGRESS',
      'Data DELETE_COMPLETE',
      'rolls-back ROLLBACK_COMPLETE',
    ]);
    expect(await tableNames()).not.toContain('rollback-data');
    await expect(
      cfn.send(new UpdateStackCommand({ StackName: 'rolls-back', TemplateBody: body(template) })),
    ).rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated/);
  });

  it('a failed update rolls back: the added resource deleted, the changed one restored (UPDATE_ROLLBACK_COMPLETE)', async () => {
    const table = (billing: string, extra: object = {}) => ({
      Resources: {
        Data: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'update-rollback',
            BillingMode: billing,
            ...(billing === 'PROVISIONED' && {
              ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
            }),
            AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          },
        },
        ...extra,
      },
    });
    await cfn.send(
      new CreateStackCommand({ StackName: 'update-rollback', TemplateBody: body(table('PAY_PER_REQUEST')) }),
    );
    const broken = table('PROVISIONED', {
      Extra: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'update-rollback-extra',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        },
      },
      Broken: {
        Type: 'AWS::StepFunctions::StateMachine',
        DependsOn: ['Data', 'Extra'],
        Properties: {
          RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/r`,
          DefinitionString: '{"StartAt":"X","States":{}}',
        },
      },
    });
    await cfn.send(new UpdateStackCommand({ StackName: 'update-rollback', TemplateBody: body(broken) }));
    const stack = await stackOf('update-rollback');
    expect(stack?.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'update-rollback' }))).StackEvents ?? [];
    expect(events.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toMatch(
      /failed to create: \[Broken\]/,
    );
    expect(await tableNames()).not.toContain('update-rollback-extra');
    const data = await dynamodb.send(new DescribeTableCommand({ TableName: 'update-rollback' }));
    expect(data.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Object.keys(await resourcesOf('update-rollback'))).toEqual(['Data']);
    expect(
      JSON.parse((await cfn.send(new GetTemplateCommand({ StackName: 'update-rollback' }))).TemplateBody ?? ''),
    ).toEqual(table('PAY_PER_REQUEST'));
  });

  it('an unresolved reference, a missing parameter or a missing capability is refused before anything exists', async () => {
    const unresolved = { Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Nope' } } } } };
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'refused', TemplateBody: body(unresolved) })),
    ).rejects.toThrow(
      'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    );
    const parameter = { Parameters: { Size: { Type: 'Number' } }, Resources: { T: { Type: 'AWS::SNS::Topic' } } };
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'refused', TemplateBody: body(parameter) })),
    ).rejects.toThrow('Parameters: [Size] must have values');
    const iam = workflowTemplate({ pitr: true, comment: 'x' });
    await expect(
      cfn.send(new CreateStackCommand({ StackName: 'refused', TemplateBody: body(iam) })),
    ).rejects.toBeInstanceOf(InsufficientCapabilitiesException);
    await expect(stackOf('refused')).rejects.toThrow('Stack with id refused does not exist');
    expect(await tableNames()).not.toContain('refused-journal-test');
  });

  it("an SSM parameter type (the CDK's BootstrapVersion) reads Parameter Store, and a missing one is refused", async () => {
    const template = body({
      Parameters: {
        BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
      },
      Resources: { T: { Type: 'AWS::CDK::Metadata' } },
      Outputs: { Version: { Value: { Ref: 'BootstrapVersion' } } },
    });
    await expect(cfn.send(new CreateStackCommand({ StackName: 'cdk-app', TemplateBody: template }))).rejects.toThrow(
      'Unable to fetch parameters [/cdk-bootstrap/hnb659fds/version] from parameter store for this account.',
    );
    await new SSMClient(sandbox.clientConfig).send(
      new PutParameterCommand({ Name: '/cdk-bootstrap/hnb659fds/version', Type: 'String', Value: '21' }),
    );
    await cfn.send(new CreateStackCommand({ StackName: 'cdk-app', TemplateBody: template }));
    const stack = await stackOf('cdk-app');
    expect(stack?.Parameters).toEqual([
      { ParameterKey: 'BootstrapVersion', ParameterValue: '/cdk-bootstrap/hnb659fds/version', ResolvedValue: '21' },
    ]);
    expect(stack?.Outputs).toEqual([{ OutputKey: 'Version', OutputValue: '21' }]);
  });

  it('ValidateTemplate reads a YAML template with short-form functions', async () => {
    const yaml = [
      'Description: yaml stack',
      'Parameters:',
      '  Env: { Type: String, Default: dev }',
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: !Sub "${AWS::StackName}-${Env}"',
      '      Tags: [{ Key: k, Value: !Join [ "-", [ !Ref Env, x ] ] }]',
    ].join('\n');
    const validated = await cfn.send(new ValidateTemplateCommand({ TemplateBody: yaml }));
    expect(validated.Description).toBe('yaml stack');
    expect(validated.Parameters).toEqual([{ ParameterKey: 'Env', DefaultValue: 'dev', NoEcho: false }]);
    await cfn.send(new CreateStackCommand({ StackName: 'yaml-stack', TemplateBody: yaml }));
    const resources = await resourcesOf('yaml-stack');
    expect(resources.Topic?.PhysicalResourceId).toMatch(/:sns:us-east-1:\d{12}:yaml-stack-dev$/);
  });
});
