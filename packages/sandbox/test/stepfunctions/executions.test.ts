import {
  CreateStateMachineCommand,
  DescribeMapRunCommand,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROLE_ARN,
  closedExecution,
  functionArn,
  startStepFunctions,
  type StepFunctionsKit,
} from './stepFunctionsTestKit.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let kit: StepFunctionsKit;
let inFlight = 0;
let mostInFlight = 0;
let flakyCalls = 0;

class ValidationError extends Error {
  override name = 'ValidationError';
}

beforeAll(async () => {
  kit = await startStepFunctions({
    prepare: () => ({ kind: 'big', items: [1, 2, 3, 4, 5, 6] }),
    async square(event) {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await sleep(40);
      inFlight -= 1;
      const n = (event as { n: number }).n;
      if (n < 0) throw new RangeError(`cannot square ${n}`);
      return { n: n * n };
    },
    sum: (event) => ({ total: (event as { squares: { n: number }[] }).squares.reduce((a, s) => a + s.n, 0) }),
    reject: () => {
      throw new ValidationError('table Orders is not configured');
    },
    slow: () => sleep(1500),
    flaky: () => {
      flakyCalls += 1;
      if (flakyCalls < 3) throw new Error(`transient failure ${flakyCalls}`);
      return { ok: true, calls: flakyCalls };
    },
  });
});
afterAll(() => kit.stop());

async function createMachine(name: string, definition: object): Promise<string> {
  const created = await kit.sfn.send(
    new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE_ARN }),
  );
  return created.stateMachineArn ?? '';
}

async function run(stateMachineArn: string, input: object, name?: string) {
  const { executionArn = '' } = await kit.sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
  );
  return { executionArn, described: await closedExecution(kit.sfn, executionArn) };
}

async function history(executionArn: string): Promise<HistoryEvent[]> {
  return (await kit.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** `expected` appears in `types` in this order (other events may come between). */
function expectInOrder(types: string[], expected: string[]): void {
  let at = 0;
  for (const type of types) if (type === expected[at]) at += 1;
  expect(expected.slice(at), `missing, in order, from ${types.join(' ')}`).toEqual([]);
}

const squareMap = (maxConcurrency: number, tolerance: object = {}) => ({
  Type: 'Map',
  ItemsPath: '$.items',
  ItemSelector: { 'n.$': '$$.Map.Item.Value' },
  MaxConcurrency: maxConcurrency,
  ...tolerance,
  ItemProcessor: {
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
    StartAt: 'Square',
    States: { Square: { Type: 'Task', Resource: functionArn('square'), End: true } },
  },
});

describe('a workflow of Task, Choice, Parallel, Distributed Map and a child machine', () => {
  it('runs to SUCCEEDED with the output, map run, child execution and history AWS gives', async () => {
    const childArn = await createMachine('sum-child', {
      StartAt: 'Sum',
      States: { Sum: { Type: 'Task', Resource: functionArn('sum'), End: true } },
    });
    const parentArn = await createMachine('parent', {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Task', Resource: functionArn('prepare'), Next: 'Choose' },
        Choose: {
          Type: 'Choice',
          Choices: [{ Variable: '$.kind', StringEquals: 'big', Next: 'Fan' }],
          Default: 'TooSmall',
        },
        TooSmall: { Type: 'Fail', Error: 'TooSmall' },
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Label', States: { Label: { Type: 'Pass', Result: 'left', End: true } } },
            { StartAt: 'SquareAll', States: { SquareAll: { ...squareMap(3), End: true } } },
          ],
          ResultSelector: { 'label.$': '$[0]', 'squares.$': '$[1]' },
          ResultPath: '$.fan',
          Next: 'Child',
        },
        Child: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: childArn, Input: { 'squares.$': '$.fan.squares' } },
          ResultSelector: { 'total.$': '$.Output.total' },
          ResultPath: '$.child',
          End: true,
        },
      },
    });

    const { executionArn, described } = await run(parentArn, {});

    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '')).toEqual({
      kind: 'big',
      items: [1, 2, 3, 4, 5, 6],
      fan: { label: 'left', squares: [1, 4, 9, 16, 25, 36].map((n) => ({ n })) },
      child: { total: 91 },
    });
    // Distributed Map: concurrent iterations, never more than MaxConcurrency.
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);

    const { mapRuns = [] } = await kit.sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    const mapRun = await kit.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0]?.mapRunArn }));
    expect(mapRun).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 3 });
    expect(mapRun.itemCounts).toMatchObject({ total: 6, succeeded: 6, failed: 0, running: 0, pending: 0 });
    const children = await kit.sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns[0]?.mapRunArn }));
    expect(children.executions?.map((e) => e.status)).toEqual(Array(6).fill('SUCCEEDED'));

    const child = (await kit.sfn.send(new ListExecutionsCommand({ stateMachineArn: childArn }))).executions ?? [];
    expect(child.map((e) => e.status)).toEqual(['SUCCEEDED']);

    const events = await history(executionArn);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    const types = events.map((e) => e.type ?? '');
    expect(types.slice(0, 6)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
    ]);
    expectInOrder(types, [
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'ParallelStateEntered',
      'ParallelStateStarted',
      'MapStateEntered',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateExited',
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = events.find((e) => e.type === 'TaskScheduled')?.taskScheduledEventDetails;
    expect(scheduled).toMatchObject({ resourceType: 'states', resource: 'startExecution.sync:2', region: 'us-east-1' });
    expect(events.at(-1)?.executionSucceededEventDetails?.output).toBe(described.output);
  });
});

describe('failures', () => {
  it("a failing Lambda task fails the execution with the function's error type and message", async () => {
    const arn = await createMachine('rejects', {
      StartAt: 'Validate',
      States: { Validate: { Type: 'Task', Resource: functionArn('reject'), End: true } },
    });
    const { executionArn, described } = await run(arn, {});
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('ValidationError');
    expect(JSON.parse(described.cause ?? '')).toMatchObject({
      errorType: 'ValidationError',
      errorMessage: 'table Orders is not configured',
    });
    const failed = (await history(executionArn)).find((e) => e.type === 'LambdaFunctionFailed');
    expect(failed?.lambdaFunctionFailedEventDetails).toEqual({ error: 'ValidationError', cause: described.cause });
  });

  it('the lambda:invoke integration fails the same way, and Catch receives the error and cause', async () => {
    const arn = await createMachine('caught', {
      StartAt: 'Validate',
      States: {
        Validate: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: functionArn('reject'), 'Payload.$': '$' },
          Catch: [{ ErrorEquals: ['ValidationError'], ResultPath: '$.error', Next: 'Rejected' }],
          End: true,
        },
        Rejected: { Type: 'Pass', End: true },
      },
    });
    const { described } = await run(arn, { table: 'Orders' });
    expect(described.status).toBe('SUCCEEDED');
    const output = JSON.parse(described.output ?? '') as { table: string; error: { Error: string; Cause: string } };
    expect(output.table).toBe('Orders');
    expect(output.error.Error).toBe('ValidationError');
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorMessage: 'table Orders is not configured' });
  });

  it('Retry calls the function again until it succeeds, and the result is its last', async () => {
    flakyCalls = 0;
    const arn = await createMachine('retried', {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: functionArn('flaky'),
          Retry: [{ ErrorEquals: ['Error'], IntervalSeconds: 1, MaxAttempts: 2 }],
          End: true,
        },
      },
    });
    const { executionArn, described } = await run(arn, {});
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '')).toEqual({ ok: true, calls: 3 });
    const types = (await history(executionArn)).map((e) => e.type);
    expect(types.filter((t) => t === 'LambdaFunctionFailed')).toHaveLength(2);
    expect(types.filter((t) => t === 'LambdaFunctionScheduled')).toHaveLength(3);
  });

  it('a Task past its TimeoutSeconds fails with States.Timeout, and a machine past its own is TIMED_OUT', async () => {
    const task = await createMachine('slow-task', {
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: functionArn('slow'), TimeoutSeconds: 1, End: true } },
    });
    const { executionArn, described } = await run(task, {});
    expect(described).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    const types = (await history(executionArn)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['LambdaFunctionTimedOut', 'ExecutionFailed']);

    const machine = await createMachine('slow-machine', {
      TimeoutSeconds: 1,
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: functionArn('slow'), End: true } },
    });
    const timedOut = await run(machine, {});
    expect(timedOut.described).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect((await history(timedOut.executionArn)).at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('a Distributed Map fails past its tolerated failures and succeeds within them', async () => {
    const items = { items: [1, -2, 3, 4] };
    const strict = await createMachine('strict-map', {
      StartAt: 'Squares',
      States: { Squares: { ...squareMap(2), End: true } },
    });
    const { executionArn, described } = await run(strict, items);
    expect(described.status).toBe('FAILED');
    expect(described.error).toBe('States.ExceedToleratedFailureThreshold');
    const { mapRuns = [] } = await kit.sfn.send(new ListMapRunsCommand({ executionArn }));
    expect((await kit.sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns[0]?.mapRunArn }))).status).toBe('FAILED');

    const tolerant = await createMachine('tolerant-map', {
      StartAt: 'Squares',
      States: { Squares: { ...squareMap(2, { ToleratedFailureCount: 1 }), End: true } },
    });
    const within = await run(tolerant, items);
    expect(within.described.status).toBe('SUCCEEDED');
    const output = JSON.parse(within.described.output ?? '') as unknown[];
    expect(output[0]).toEqual({ n: 1 });
    expect(output[1]).toMatchObject({ Error: 'RangeError' });
    expect(output.slice(2)).toEqual([{ n: 9 }, { n: 16 }]);
  });
});

describe('execution names and stopping', () => {
  const waiting = { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } };

  it('a name is idempotent with the same input while running, and ExecutionAlreadyExists otherwise', async () => {
    const arn = await createMachine('named', waiting);
    const first = await kit.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'incident-1', input: '{"a":1}' }),
    );
    const again = await kit.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, name: 'incident-1', input: '{"a":1}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      kit.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'incident-1', input: '{"a":2}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    await kit.sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    // Closed: the name stays taken whatever the input.
    await expect(
      kit.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'incident-1', input: '{"a":1}' })),
    ).rejects.toThrow(/Execution Already Exists/);
    const listed = await kit.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(listed.executions?.map((e) => e.name)).toEqual(['incident-1']);
  });

  it('StopExecution aborts a running execution with the given error and cause', async () => {
    const arn = await createMachine('stopped', waiting);
    const { executionArn = '' } = await kit.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
    await kit.sfn.send(new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'wrong table' }));
    const described = await closedExecution(kit.sfn, executionArn);
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'wrong table' });
    const running = await kit.sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
    const events = await history(executionArn);
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'wrong table' },
    });
  });

  it('stopping a parent stops the child it waits for (.sync) and its running map run children', async () => {
    const child = await createMachine('held-child', waiting);
    const parent = await createMachine('held-parent', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {
              StartAt: 'RunChild',
              States: {
                RunChild: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::states:startExecution.sync:2',
                  Parameters: { StateMachineArn: child },
                  End: true,
                },
              },
            },
            {
              StartAt: 'Fan',
              States: {
                Fan: {
                  Type: 'Map',
                  ItemsPath: '$.items',
                  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...waiting },
                  End: true,
                },
              },
            },
          ],
        },
      },
    });
    const { executionArn = '' } = await kit.sfn.send(
      new StartExecutionCommand({ stateMachineArn: parent, input: '{"items":[1,2]}' }),
    );
    let running: string[] = [];
    for (let attempt = 0; attempt < 100 && running.length < 3; attempt++) {
      await sleep(20);
      const { mapRuns = [] } = await kit.sfn.send(new ListMapRunsCommand({ executionArn }));
      const inRun = mapRuns[0]
        ? (await kit.sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns[0].mapRunArn }))).executions
        : [];
      const ofChild = (await kit.sfn.send(new ListExecutionsCommand({ stateMachineArn: child }))).executions;
      running = [...(inRun ?? []), ...(ofChild ?? [])]
        .filter((e) => e.status === 'RUNNING')
        .map((e) => e.executionArn ?? '');
    }
    expect(running).toHaveLength(3);
    await kit.sfn.send(new StopExecutionCommand({ executionArn }));
    for (const arn of running) expect((await closedExecution(kit.sfn, arn)).status).toBe('ABORTED');
  });
});
