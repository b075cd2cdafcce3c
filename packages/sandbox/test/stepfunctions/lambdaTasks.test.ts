import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { closedExecution } from './stepFunctionsTestKit.js';

// End to end on one sandbox: state machines whose Task states run real Node.js functions in the sandbox's
// Lambda, signed as the machine's role, whose IAM policies the sandbox enforces.
let sandbox: Sandbox;
let sfn: SFNClient;
const arns: Record<string, string> = {};
let roleArn = '';

const source = {
  reject: `exports.handler = async (event) => { const e = new Error('table ' + event.table + ' is not configured'); e.name = 'ValidationError'; throw e; };`,
  double: `exports.handler = async (event) => ({ n: event.n * 2 });`,
  square: `exports.handler = async (event) => ({ n: event.n * event.n });`,
};

beforeAll(async () => {
  sandbox = await startSandbox({ stepFunctionsTimeScale: 0.001 });
  sfn = new SFNClient(sandbox.clientConfig);
  const iam = new IAMClient(sandbox.clientConfig);
  const lambda = new LambdaClient(sandbox.clientConfig);
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: ['states.amazonaws.com', 'lambda.amazonaws.com'] },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  const role = await iam.send(
    new CreateRoleCommand({ RoleName: 'machine', AssumeRolePolicyDocument: JSON.stringify(trust) }),
  );
  roleArn = role.Role?.Arn ?? '';
  for (const [name, code] of Object.entries(source)) {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: roleArn,
        Code: { ZipFile: await zipPackage({ 'index.js': code }) },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 60 }, { FunctionName: name });
    arns[name] = created.FunctionArn ?? '';
  }
  // The machine's role may invoke `reject` and `square`, not `double`.
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'machine',
      PolicyName: 'invoke',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [arns.reject, arns.square] }],
      }),
    }),
  );
});
afterAll(() => sandbox.stop());

async function runTask(name: string, task: Record<string, unknown>, input: object) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name,
      roleArn,
      definition: JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', ...task, End: true } },
      }),
    }),
  );
  const { executionArn = '' } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  return { executionArn, described: await closedExecution(sfn, executionArn) };
}

it("a function's error fails the execution with its type as error and its message in the cause", async () => {
  const { executionArn, described } = await runTask('rejects', { Resource: arns.reject }, { table: 'Orders' });
  expect(described.status).toBe('FAILED');
  expect(described.error).toBe('ValidationError');
  expect(JSON.parse(described.cause ?? '')).toMatchObject({
    errorType: 'ValidationError',
    errorMessage: 'table Orders is not configured',
  });
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
  expect(events.find((e) => e.type === 'LambdaFunctionFailed')?.lambdaFunctionFailedEventDetails?.error).toBe(
    'ValidationError',
  );
});

it("a function the machine's role may not invoke fails the task with AccessDenied, loudly", async () => {
  const denied: [string, Record<string, unknown>][] = [
    ['denied-direct', { Resource: arns.double }],
    [
      'denied-invoke',
      { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: arns.double, 'Payload.$': '$' } },
    ],
  ];
  for (const [name, task] of denied) {
    const { described } = await runTask(name, task, { n: 2 });
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('Lambda.AWSLambdaException');
    expect(described.cause).toMatch(
      /not authorized to perform: lambda:InvokeFunction.*Status Code: 403, Error Code: AccessDeniedException/,
    );
  }
});

it('a child machine starts only if the role may states:StartExecution it, and then runs its function', async () => {
  const { stateMachineArn: childArn = '' } = await sfn.send(
    new CreateStateMachineCommand({
      name: 'child',
      roleArn,
      definition: JSON.stringify({
        StartAt: 'Reject',
        States: { Reject: { Type: 'Task', Resource: arns.reject, End: true } },
      }),
    }),
  );
  const task = {
    Resource: 'arn:aws:states:::states:startExecution.sync:2',
    Parameters: { StateMachineArn: childArn, Input: { 'table.$': '$.table' } },
  };
  const refused = await runTask('parent-refused', task, { table: 'Orders' });
  expect(refused.described.status).toBe('FAILED');
  expect(refused.described.error).toBe('StepFunctions.AccessDeniedException');
  expect(refused.described.cause).toContain(
    `not authorized to perform: states:StartExecution on resource: ${childArn}`,
  );
  expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: childArn }))).executions).toEqual([]);

  await new IAMClient(sandbox.clientConfig).send(
    new PutRolePolicyCommand({
      RoleName: 'machine',
      PolicyName: 'start-child',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'states:StartExecution', Resource: childArn }],
      }),
    }),
  );
  const allowed = await runTask('parent-allowed', task, { table: 'Orders' });
  // The child ran its function, which failed: the parent fails with States.TaskFailed and the child's error.
  expect(allowed.described.error).toBe('States.TaskFailed');
  expect(JSON.parse(allowed.described.cause ?? '')).toMatchObject({ Status: 'FAILED', Error: 'ValidationError' });
});

it('a Distributed Map runs its items through the real function, one child execution each', async () => {
  const { executionArn, described } = await runTask(
    'squares',
    {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'n.$': '$$.Map.Item.Value' },
      MaxConcurrency: 2,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Square',
        States: { Square: { Type: 'Task', Resource: arns.square, End: true } },
      },
    },
    { items: [1, 2, 3, 4] },
  );
  expect(described.status).toBe('SUCCEEDED');
  expect(JSON.parse(described.output ?? '')).toEqual([{ n: 1 }, { n: 4 }, { n: 9 }, { n: 16 }]);
  const { mapRuns = [] } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  const children = await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns[0]?.mapRunArn }));
  expect(children.executions?.map((e) => e.status)).toEqual(Array(4).fill('SUCCEEDED'));
});
