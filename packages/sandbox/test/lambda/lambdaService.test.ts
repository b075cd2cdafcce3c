import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  TooManyRequestsException,
  UpdateEventSourceMappingCommand,
  paginateListFunctions,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceSuite } from '../dynamodb/conformanceTarget.js';
import { handlerZip } from './handlerZip.js';

// Conformance: the real LambdaClient against the sandbox, or against AWS with
// DYNAMO_DR_CONFORMANCE_AWS=1 (see dynamodb/conformanceTarget.ts). Each expectation cites
// the Lambda API reference: https://docs.aws.amazon.com/lambda/latest/api/
const target = conformanceSuite();
let lambda: LambdaClient;
const made: string[] = [];
const mappings: string[] = [];

async function createFunction(name: string, tags?: Record<string, string>): Promise<string> {
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: target.roleArn,
      Code: { ZipFile: await handlerZip() },
      Tags: tags,
    }),
  );
  made.push(name);
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 120 }, { FunctionName: name });
  return created.FunctionArn ?? '';
}

beforeAll(() => {
  // No retries: a throttled Invoke must surface as the error itself.
  lambda = new LambdaClient({ ...target.clientConfig, maxAttempts: 1 });
});
afterAll(async () => {
  for (const uuid of mappings) await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })).catch(() => {});
  for (const name of made) await lambda.send(new DeleteFunctionCommand({ FunctionName: name })).catch(() => {});
});

describe('Lambda functions', () => {
  it('creates a function, returns it with its tags, and refuses a second of the same name', async () => {
    // API_CreateFunction: 201 with FunctionConfiguration; ResourceConflictException (409) if it exists.
    const name = `conf-${target.suffix}-create`;
    const arn = await createFunction(name, { team: 'dr' });
    expect(arn).toMatch(new RegExp(`^arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:${name}$`));
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: name }));
    expect(got.Configuration?.FunctionName).toBe(name);
    expect(got.Tags).toEqual({ team: 'dr' });
    // API_GetFunction: Concurrency appears only once reserved concurrency is set.
    expect(got.Concurrency?.ReservedConcurrentExecutions).toBeUndefined();
    await expect(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: target.roleArn,
          Code: { ZipFile: await handlerZip() },
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('answers ResourceNotFoundException (404) for a function that does not exist, by name or ARN', async () => {
    // API_GetFunction errors: ResourceNotFoundException, HTTP 404.
    const error = await lambda
      .send(new GetFunctionCommand({ FunctionName: `conf-${target.suffix}-none` }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    // CommonErrors: the body carries Type (User: the caller's fault) besides the message.
    expect(error.Type).toBe('User');
    expect(error.message).toMatch(/Function not found: arn:aws:lambda:.*:function:conf-.*-none/);
  });

  it('lists every function across pages of MaxItems', async () => {
    // API_ListFunctions: MaxItems per page, NextMarker until the last page.
    const names = [1, 2, 3].map((i) => `conf-${target.suffix}-list${i}`);
    for (const name of names) await createFunction(name);
    const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(first.Functions).toHaveLength(1);
    expect(first.NextMarker).toBeTruthy();
    const seen: string[] = [];
    for await (const page of paginateListFunctions({ client: lambda, pageSize: 2 }, {})) {
      seen.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ''));
    }
    expect(seen).toEqual(expect.arrayContaining(names));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('deletes a function', async () => {
    // API_DeleteFunction: afterwards GetFunction is ResourceNotFoundException.
    const name = `conf-${target.suffix}-delete`;
    await createFunction(name);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    await expect(lambda.send(new GetFunctionCommand({ FunctionName: name }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('adds tags with TagResource and lists them with ListTags', async () => {
    // API_TagResource adds to (or replaces) existing tags; API_ListTags returns them all.
    const name = `conf-${target.suffix}-tags`;
    const arn = await createFunction(name, { a: '1' });
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { 'dynamo-dr:role': 'recovery', a: '2' } }));
    const tags = await lambda.send(new ListTagsCommand({ Resource: arn }));
    expect(tags.Tags).toEqual({ a: '2', 'dynamo-dr:role': 'recovery' });
  });
});

describe('reserved concurrency', () => {
  it('sets, reads and removes it; GetFunction shows it', async () => {
    // API_PutFunctionConcurrency, API_GetFunctionConcurrency (empty without a reservation),
    // API_DeleteFunctionConcurrency.
    const name = `conf-${target.suffix}-conc`;
    await createFunction(name);
    expect(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
    const put = await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 5 }),
    );
    expect(put.ReservedConcurrentExecutions).toBe(5);
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: name }))).Concurrency).toEqual({
      ReservedConcurrentExecutions: 5,
    });
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect(
      (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
  });

  it('throttles synchronous invocations while reserved concurrency is 0', async () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html: 0 stops all invocations.
    // API_Invoke errors: TooManyRequestsException (429) with Reason ReservedFunctionConcurrentInvocationLimitExceeded.
    const name = `conf-${target.suffix}-throttle`;
    await createFunction(name);
    expect((await lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 0 }));
    const error = await lambda.send(new InvokeCommand({ FunctionName: name })).catch((e) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(error.Type).toBe('User');
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    expect((await lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode).toBe(200);
  });
});

describe('event source mappings', () => {
  it('creates, filters by function, disables and re-enables a mapping', async () => {
    // API_CreateEventSourceMapping (202, Enabled defaults to true), API_ListEventSourceMappings
    // (FunctionName filter), API_UpdateEventSourceMapping (Enabled), API_GetEventSourceMapping (State).
    const name = `conf-${target.suffix}-esm`;
    const other = `conf-${target.suffix}-esm-other`;
    const arn = await createFunction(name);
    await createFunction(other);
    const created = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: name, EventSourceArn: target.queueArn, BatchSize: 5 }),
    );
    const uuid = created.UUID ?? '';
    mappings.push(uuid);
    expect(created.FunctionArn).toBe(arn);
    const listed = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: name }));
    expect(listed.EventSourceMappings?.map((m) => m.UUID)).toEqual([uuid]);
    expect(
      (await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: other }))).EventSourceMappings,
    ).toEqual([]);

    const settled = async (want: string) => {
      for (let i = 0; i < 60; i++) {
        const state = (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State;
        if (state === want) return state;
        await new Promise((r) => setTimeout(r, 2000));
      }
      return 'never';
    };
    expect(await settled('Enabled')).toBe('Enabled');
    const disabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: false }));
    expect(disabling.State).toBe('Disabling');
    expect(await settled('Disabled')).toBe('Disabled');
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, Enabled: true }));
    expect(await settled('Enabled')).toBe('Enabled');
  });

  it('answers ResourceNotFoundException for an unknown mapping', async () => {
    // API_GetEventSourceMapping errors: ResourceNotFoundException, HTTP 404.
    await expect(
      lambda.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-4000-8000-000000000000' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
