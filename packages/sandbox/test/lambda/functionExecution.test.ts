import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CODE_BUCKET, startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';

// Lambda runs Node.js functions from their deployment packages: the real LambdaClient invokes them over
// HTTP; what they return, log and do (with their role's credentials) is checked with the plain SDK.
let sandbox: Sandbox;
let lambda: LambdaClient;
let ddb: DynamoDBClient;
let iam: IAMClient;
let workDir: string;

const lambdaTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const role = (name: string) => `arn:aws:iam::${SANDBOX_ACCOUNT}:role/${name}`;

async function create(name: string, files: Record<string, string>, extra: Record<string, unknown> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: role('fn-basic'),
      Code: { ZipFile: await zipPackage(files) },
      ...extra,
    }),
  );
}

async function call(name: string, event: unknown = {}): Promise<{ out: InvokeCommandOutput; payload: unknown }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(event) }));
  return { out, payload: JSON.parse(Buffer.from(out.Payload ?? []).toString()) };
}

beforeAll(async () => {
  sandbox = await startSandbox();
  lambda = new LambdaClient({ ...sandbox.clientConfig, maxAttempts: 1 });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  iam = new IAMClient(sandbox.clientConfig);
  workDir = await mkdtemp(path.join(tmpdir(), 'fn-exec-'));
  await iam.send(new CreateRoleCommand({ RoleName: 'fn-basic', AssumeRolePolicyDocument: lambdaTrust }));
  // A table, and a role that may only put items into it.
  await ddb.send(
    new CreateTableCommand({
      TableName: 'fn-orders',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await iam.send(new CreateRoleCommand({ RoleName: 'fn-writer', AssumeRolePolicyDocument: lambdaTrust }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'fn-writer',
      PolicyName: 'write',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:PutItem',
            Resource: `arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/fn-orders`,
          },
        ],
      }),
    }),
  );
});
afterAll(async () => {
  await sandbox.stop();
  await rm(workDir, { recursive: true, force: true });
});

describe('running a function', () => {
  it('runs an ES module handler from a zip: event in, result out, with Lambda’s context', async () => {
    await create('echo', {
      'index.mjs': `export const handler = async (event, context) => ({
        event,
        functionName: context.functionName,
        requestId: context.awsRequestId,
        arn: context.invokedFunctionArn,
        memory: context.memoryLimitInMB,
        remaining: context.getRemainingTimeInMillis(),
      });`,
    });
    const { out, payload } = await call('echo', { orders: [1, 2] });
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(payload).toMatchObject({
      event: { orders: [1, 2] },
      functionName: 'echo',
      arn: `arn:aws:lambda:${sandbox.region}:${SANDBOX_ACCOUNT}:function:echo`,
      memory: '128',
    });
    const { requestId, remaining } = payload as { requestId: string; remaining: number };
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(3000);
  });

  it('resolves nested handler paths in a subdirectory and CommonJS modules, and says when the export is missing', async () => {
    await create(
      'nested',
      { 'lib/app.js': `exports.handlers = { main: async () => 'from commonjs' };` },
      { Handler: 'lib/app.handlers.main' },
    );
    expect((await call('nested')).payload).toBe('from commonjs');
    await create('missing', { 'index.js': `exports.other = async () => 1;` });
    const { out, payload } = await call('missing');
    expect(out.FunctionError).toBe('Unhandled');
    expect(payload).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });

  it('gives the function its variables, Lambda’s own, and the sandbox as its endpoint', async () => {
    await create(
      'env',
      {
        'index.js': `exports.handler = async () => ({
          greeting: process.env.GREETING,
          region: process.env.AWS_REGION,
          defaultRegion: process.env.AWS_DEFAULT_REGION,
          name: process.env.AWS_LAMBDA_FUNCTION_NAME,
          endpoint: process.env.AWS_ENDPOINT_URL,
          key: process.env.AWS_ACCESS_KEY_ID,
          token: Boolean(process.env.AWS_SESSION_TOKEN),
        });`,
      },
      { Environment: { Variables: { GREETING: 'hello' } } },
    );
    expect((await call('env')).payload).toEqual({
      greeting: 'hello',
      region: sandbox.region,
      defaultRegion: sandbox.region,
      name: 'env',
      endpoint: sandbox.endpoint,
      key: expect.stringMatching(/^ASIA[A-Z0-9]{16}$/),
      token: true,
    });
    await lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'env', Environment: { Variables: { GREETING: 'bye' } } }),
    );
    expect((await call('env')).payload).toMatchObject({ greeting: 'bye' });
  });

  it('runs new code after UpdateFunctionCode, from the sandbox’s local code bucket', async () => {
    await create('updated', { 'index.mjs': `export const handler = async () => 'v1';` });
    expect((await call('updated')).payload).toBe('v1');
    const asset = path.join(workDir, 'asset');
    await rm(asset, { recursive: true, force: true });
    await mkdir(asset);
    await writeFile(path.join(asset, 'index.mjs'), `export const handler = async () => 'v2';`);
    await lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'updated', S3Bucket: LOCAL_CODE_BUCKET, S3Key: asset }),
    );
    expect((await call('updated')).payload).toBe('v2');
    // The function holds a copy: changing the directory afterwards changes nothing.
    await writeFile(path.join(asset, 'index.mjs'), `export const handler = async () => 'v3';`);
    expect((await call('updated')).payload).toBe('v2');
  });
});

describe('failures in Lambda’s shape', () => {
  it('a handler that throws answers 200 with FunctionError Unhandled and {errorType, errorMessage, trace}', async () => {
    await create('thrower', {
      'index.mjs': `export const handler = async () => { const e = new TypeError('orders table is missing'); throw e; };`,
    });
    const { out, payload } = await call('thrower');
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(payload).toMatchObject({ errorType: 'TypeError', errorMessage: 'orders table is missing' });
    expect((payload as { trace: string[] }).trace[0]).toBe('TypeError: orders table is missing');
  });

  it('stops an invocation at its Timeout with Lambda’s timeout error, and the next one runs in a new environment', async () => {
    await create(
      'sleeper',
      {
        'index.mjs': `let calls = 0;
          export const handler = async (event) => {
            calls++;
            if (event.sleep) await new Promise((r) => setTimeout(r, 60_000));
            return calls;
          };`,
      },
      { Timeout: 1 },
    );
    expect((await call('sleeper')).payload).toBe(1);
    const { out, payload } = await call('sleeper', { sleep: true });
    expect(out.FunctionError).toBe('Unhandled');
    expect(payload).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/),
    });
    // The timed-out environment was discarded: a new one counts from 1 again.
    expect((await call('sleeper')).payload).toBe(1);
  });

  it('returns the tail of the log when asked', async () => {
    await create('logger', {
      'index.mjs': `export const handler = async () => { console.log('restoring', 42); return 1; };`,
    });
    const out = await lambda.send(new InvokeCommand({ FunctionName: 'logger', LogType: 'Tail' }));
    const log = Buffer.from(out.LogResult ?? '', 'base64').toString();
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\n/);
    expect(log).toMatch(/\tINFO\trestoring 42\n/);
    expect(log).toMatch(/REPORT RequestId: /);
  });
});

describe('concurrency', () => {
  it('throttles the invocation beyond reserved concurrency 1 while another runs', async () => {
    await create('single', {
      'index.mjs': `export const handler = async () => { await new Promise((r) => setTimeout(r, 400)); return 'done'; };`,
    });
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'single', ReservedConcurrentExecutions: 1 }));
    const results = await Promise.allSettled([call('single'), call('single')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(TooManyRequestsException);
  });

  it('runs concurrent invocations in separate environments', async () => {
    await create('parallel', {
      'index.mjs': `export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return process.pid; };`,
    });
    const pids = await Promise.all([call('parallel'), call('parallel'), call('parallel')]);
    expect(new Set(pids.map((p) => p.payload)).size).toBe(3);
  });
});

describe('the function’s role', () => {
  it('reaches DynamoDB in the sandbox with its role’s credentials, and only as far as the role allows', async () => {
    // CommonJS, SDK not bundled: Lambda's Node.js runtime provides the AWS SDK v3.
    await create(
      'writer',
      {
        'index.js': `const { DynamoDBClient, PutItemCommand, DeleteTableCommand } = require('@aws-sdk/client-dynamodb');
          const ddb = new DynamoDBClient({});
          exports.handler = async (event) => {
            await ddb.send(new PutItemCommand({ TableName: 'fn-orders', Item: { pk: { S: event.id } } }));
            try {
              await ddb.send(new DeleteTableCommand({ TableName: 'fn-orders' }));
              return 'deleted';
            } catch (error) {
              return error.name + ': ' + error.message;
            }
          };`,
      },
      { Role: role('fn-writer'), Timeout: 10 },
    );
    const { payload } = await call('writer', { id: 'o-1' });
    expect(payload).toBe(
      `AccessDeniedException: User: arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/fn-writer/writer is not authorized to perform: dynamodb:DeleteTable on resource: arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/fn-orders because no identity-based policy allows the dynamodb:DeleteTable action`,
    );
    expect((await ddb.send(new GetItemCommand({ TableName: 'fn-orders', Key: { pk: { S: 'o-1' } } }))).Item).toEqual({
      pk: { S: 'o-1' },
    });
    expect((await ddb.send(new DescribeTableCommand({ TableName: 'fn-orders' }))).Table?.TableStatus).toBe('ACTIVE');
  });

  it('refuses a role whose trust policy does not let Lambda assume it', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'not-lambda',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const error = await create(
      'untrusted',
      { 'index.mjs': 'export const handler = async () => 1;' },
      { Role: role('not-lambda') },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe('The role defined for the function cannot be assumed by Lambda.');
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'untrusted' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});

describe('invocation types and callers', () => {
  it('runs an Event invocation in the background (202) and answers a DryRun with 204 without running it', async () => {
    await create(
      'async-writer',
      {
        'index.js': `const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
          exports.handler = async (event) => {
            await new DynamoDBClient({}).send(new PutItemCommand({ TableName: 'fn-orders', Item: { pk: { S: event.id } } }));
          };`,
      },
      { Role: role('fn-writer'), Timeout: 10 },
    );
    const dry = await lambda.send(
      new InvokeCommand({
        FunctionName: 'async-writer',
        InvocationType: 'DryRun',
        Payload: JSON.stringify({ id: 'dry' }),
      }),
    );
    expect(dry.StatusCode).toBe(204);
    const queued = await lambda.send(
      new InvokeCommand({
        FunctionName: 'async-writer',
        InvocationType: 'Event',
        Payload: JSON.stringify({ id: 'event-1' }),
      }),
    );
    expect(queued.StatusCode).toBe(202);
    const written = async () =>
      (await ddb.send(new GetItemCommand({ TableName: 'fn-orders', Key: { pk: { S: 'event-1' } } }))).Item;
    for (let i = 0; i < 50 && !(await written()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await written()).toEqual({ pk: { S: 'event-1' } });
    expect(
      (await ddb.send(new GetItemCommand({ TableName: 'fn-orders', Key: { pk: { S: 'dry' } } }))).Item,
    ).toBeUndefined();
  });

  it('lets a role invoke only the functions its policy names (lambda:InvokeFunction), as a state machine role would', async () => {
    await create('allowed-target', { 'index.mjs': `export const handler = async (e) => e.n * 2;` });
    await create('other-target', { 'index.mjs': `export const handler = async () => 'never';` });
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'invoker',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    const target = `arn:aws:lambda:${sandbox.region}:${SANDBOX_ACCOUNT}:function:allowed-target`;
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'invoker',
        PolicyName: 'invoke',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [target, `${target}:*`] }],
        }),
      }),
    );
    const assumed = await new STSClient(sandbox.clientConfig).send(
      new AssumeRoleCommand({ RoleArn: role('invoker'), RoleSessionName: 'execution' }),
    );
    const c = assumed.Credentials;
    const asInvoker = new LambdaClient({
      ...sandbox.clientConfig,
      maxAttempts: 1,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken,
      },
    });
    const allowed = await asInvoker.send(
      new InvokeCommand({ FunctionName: target, Payload: JSON.stringify({ n: 21 }) }),
    );
    expect(Buffer.from(allowed.Payload ?? []).toString()).toBe('42');
    const denied = await asInvoker.send(new InvokeCommand({ FunctionName: 'other-target' })).catch((e) => e);
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toBe(
      `User: arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/invoker/execution is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:${sandbox.region}:${SANDBOX_ACCOUNT}:function:other-target because no identity-based policy allows the lambda:InvokeFunction action`,
    );
  });
});

describe('refused packages and runtimes', () => {
  it('refuses a package that is not a zip, and creates nothing', async () => {
    const error = await lambda
      .send(
        new CreateFunctionCommand({
          FunctionName: 'not-zip',
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: role('fn-basic'),
          Code: { ZipFile: Buffer.from('not a zip') },
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe('Could not unzip uploaded file. Please check your file, then try to upload again.');
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: 'not-zip' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('refuses an unknown runtime as Lambda does; accepts another language but cannot invoke it', async () => {
    const unknown = await create('bad-runtime', { 'index.mjs': '' }, { Runtime: 'nodejs99.x' }).catch((e) => e);
    expect(unknown.name).toBe('ValidationException');
    expect(unknown.message).toMatch(
      /Value 'nodejs99\.x' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[nodejs20\.x, nodejs22\.x/,
    );
    const deprecated = await create('old-runtime', { 'index.mjs': '' }, { Runtime: 'nodejs16.x' }).catch((e) => e);
    expect(deprecated).toBeInstanceOf(InvalidParameterValueException);
    await create('python', { 'index.py': '' }, { Runtime: 'python3.12' });
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'python' })).catch((e) => e);
    expect(invoked.name).toBe('InvalidRuntimeException');
    expect(invoked.$metadata.httpStatusCode).toBe(502);
  });
});
