import {
  CloudWatchClient,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient, ListRulesCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutObjectCommand,
  GetObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, ListTopicsCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { SANDBOX_ACCOUNT } from '../src/sandboxAccount.js';
import { zipPackage } from '../src/lambda/code/zipPackage.js';
import { handlerZip } from './lambda/handlerZip.js';
import { closedExecution } from './stepfunctions/stepFunctionsTestKit.js';

// One rule for every regional service: its state is per Region, the Region a request is signed for, and a request
// that names another Region's resource by ARN gets the service's own refusal, as on AWS. S3 bucket names and IAM
// are global. (DynamoDB's Regions, and its cross-Region restores: dynamodb/regions.test.ts.)

const EAST = 'us-east-1';
const WEST = 'eu-west-1';

let sandbox: Sandbox;
const inRegion = (region: string) => ({ ...sandbox.clientConfig, region });
beforeAll(async () => {
  sandbox = await startSandbox({ region: EAST });
});
afterAll(() => sandbox.stop());

/** The error a call fails with (its name and message), or undefined if it succeeds. */
async function failure(call: Promise<unknown>): Promise<{ name: string; message: string } | undefined> {
  return call.then(
    () => undefined,
    (error: Error) => ({ name: error.name, message: error.message }),
  );
}

it('SSM: a parameter of one Region is not another Region’s', async () => {
  const [east, west] = [new SSMClient(inRegion(EAST)), new SSMClient(inRegion(WEST))];
  await east.send(new PutParameterCommand({ Name: '/app/table', Value: 'orders-east', Type: 'String' }));
  await west.send(new PutParameterCommand({ Name: '/app/table', Value: 'orders-west', Type: 'String' }));
  const valueIn = async (ssm: SSMClient) => (await ssm.send(new GetParameterCommand({ Name: '/app/table' }))).Parameter;
  expect(await valueIn(east)).toMatchObject({
    Value: 'orders-east',
    ARN: `arn:aws:ssm:${EAST}:${SANDBOX_ACCOUNT}:parameter/app/table`,
  });
  expect(await valueIn(west)).toMatchObject({
    Value: 'orders-west',
    ARN: `arn:aws:ssm:${WEST}:${SANDBOX_ACCOUNT}:parameter/app/table`,
  });
  east.destroy();
  west.destroy();
});

it('Lambda: a function lives in its Region; its ARN is refused by another Region with Lambda’s text', async () => {
  const [east, west] = [new LambdaClient(inRegion(EAST)), new LambdaClient(inRegion(WEST))];
  const { FunctionArn } = await east.send(
    new CreateFunctionCommand({
      FunctionName: 'regional-fn',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/regional`,
      Code: { ZipFile: await handlerZip() },
    }),
  );
  expect(FunctionArn).toBe(`arn:aws:lambda:${EAST}:${SANDBOX_ACCOUNT}:function:regional-fn`);
  expect(await failure(west.send(new GetFunctionCommand({ FunctionName: 'regional-fn' })))).toMatchObject({
    name: 'ResourceNotFoundException',
  });
  expect(await failure(west.send(new GetFunctionCommand({ FunctionName: FunctionArn })))).toEqual({
    name: 'ResourceNotFoundException',
    message: `Functions from '${EAST}' are not reachable in this region ('${WEST}')`,
  });
  expect((await east.send(new GetFunctionCommand({ FunctionName: FunctionArn }))).Configuration?.FunctionName).toBe(
    'regional-fn',
  );
  east.destroy();
  west.destroy();
});

it("Step Functions: a machine's Task states call its own Region's functions", async () => {
  const [lambda, sfnEast, sfnWest] = [
    new LambdaClient(inRegion(WEST)),
    new SFNClient(inRegion(EAST)),
    new SFNClient(inRegion(WEST)),
  ];
  const { FunctionArn } = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'west-only',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/regional`,
      Code: {
        ZipFile: await zipPackage({ 'index.mjs': 'export const handler = async (e) => ({ got: e.n });\n' }),
      },
    }),
  );
  // The machine's role may invoke the function (IAM is global; the sandbox enforces the role's policies).
  const iam = new IAMClient(inRegion(EAST));
  const { Role } = await iam.send(
    new CreateRoleCommand({
      RoleName: 'sfn-regional',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'sfn-regional',
      PolicyName: 'invoke',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FunctionArn }],
      }),
    }),
  );
  iam.destroy();
  const { stateMachineArn } = await sfnWest.send(
    new CreateStateMachineCommand({
      name: 'regional',
      roleArn: Role?.Arn,
      definition: JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: FunctionArn, End: true } },
      }),
    }),
  );
  expect(stateMachineArn).toBe(`arn:aws:states:${WEST}:${SANDBOX_ACCOUNT}:stateMachine:regional`);
  expect((await sfnEast.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([]);
  const { executionArn = '' } = await sfnWest.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":7}' }));
  const done = await closedExecution(sfnWest, executionArn);
  expect([done.status, done.output, done.error, done.cause]).toEqual(['SUCCEEDED', '{"got":7}', undefined, undefined]);
  for (const client of [lambda, sfnEast, sfnWest]) client.destroy();
});

describe('monitoring', () => {
  it('SNS: topics are listed per Region, and a topic ARN of another Region is an invalid parameter', async () => {
    const [east, west] = [new SNSClient(inRegion(EAST)), new SNSClient(inRegion(WEST))];
    const { TopicArn } = await east.send(new CreateTopicCommand({ Name: 'alerts' }));
    expect((await west.send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
    expect(await failure(west.send(new PublishCommand({ TopicArn, Message: 'hello' })))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid parameter: TopicArn',
    });
    expect(sandbox.snsMessages(TopicArn as string)).toEqual([]);
    east.destroy();
    west.destroy();
  });

  it('CloudWatch: metrics are per Region, and an alarm may act only in its own Region', async () => {
    const [east, west] = [new CloudWatchClient(inRegion(EAST)), new CloudWatchClient(inRegion(WEST))];
    await east.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'Lag', Value: 1 }] }));
    expect((await west.send(new ListMetricsCommand({ Namespace: 'App' }))).Metrics ?? []).toEqual([]);
    expect((await east.send(new ListMetricsCommand({ Namespace: 'App' }))).Metrics).toHaveLength(1);
    const alarm = (action: string) =>
      west.send(
        new PutMetricAlarmCommand({
          AlarmName: 'lag',
          Namespace: 'App',
          MetricName: 'Lag',
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          AlarmActions: [action],
        }),
      );
    expect(await failure(alarm(`arn:aws:sns:${EAST}:${SANDBOX_ACCOUNT}:alerts`))).toMatchObject({
      message: `Invalid region ${EAST} specified. Only ${WEST} is supported.`,
    });
    expect(await failure(alarm(`arn:aws:sns:${WEST}:${SANDBOX_ACCOUNT}:alerts`))).toBeUndefined();
    east.destroy();
    west.destroy();
  });

  it('EventBridge: rules are per Region, and a target in another Region is refused', async () => {
    const [east, west] = [new EventBridgeClient(inRegion(EAST)), new EventBridgeClient(inRegion(WEST))];
    await west.send(
      new PutRuleCommand({ Name: 'pitr-off', EventPattern: JSON.stringify({ source: ['aws.dynamodb'] }) }),
    );
    expect((await east.send(new ListRulesCommand({}))).Rules ?? []).toEqual([]);
    expect(
      await failure(
        west.send(
          new PutTargetsCommand({
            Rule: 'pitr-off',
            Targets: [{ Id: 'alerts', Arn: `arn:aws:sns:${EAST}:${SANDBOX_ACCOUNT}:alerts` }],
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Cross-region api call is not allowed/),
    });
    east.destroy();
    west.destroy();
  });
});

it('S3: bucket names are global; each bucket is in the Region it was created for, reachable from any', async () => {
  const [east, west] = [new S3Client(inRegion(EAST)), new S3Client(inRegion(WEST))];
  await west.send(
    new CreateBucketCommand({ Bucket: 'dr-exports-west', CreateBucketConfiguration: { LocationConstraint: WEST } }),
  );
  const head = await east.send(new HeadBucketCommand({ Bucket: 'dr-exports-west' }));
  expect(head.BucketRegion).toBe(WEST);
  await east.send(new PutObjectCommand({ Bucket: 'dr-exports-west', Key: 'k', Body: 'v' }));
  expect(
    await (await west.send(new GetObjectCommand({ Bucket: 'dr-exports-west', Key: 'k' }))).Body?.transformToString(),
  ).toBe('v');
  east.destroy();
  west.destroy();
});

it('IAM is global: a role made through one Region is found through another', async () => {
  const [east, west] = [new IAMClient(inRegion(EAST)), new IAMClient(inRegion(WEST))];
  await east.send(
    new CreateRoleCommand({
      RoleName: 'global-role',
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    }),
  );
  expect((await west.send(new GetRoleCommand({ RoleName: 'global-role' }))).Role?.Arn).toBe(
    `arn:aws:iam::${SANDBOX_ACCOUNT}:role/global-role`,
  );
  east.destroy();
  west.destroy();
});
