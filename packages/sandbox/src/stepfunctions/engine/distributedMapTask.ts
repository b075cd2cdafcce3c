import { randomUUID } from 'node:crypto';
import { mapRunArn, mapRunChildArn } from '../arns.js';
import type { ExecutionRecord, MapRunRecord, StepFunctionsStore } from '../stepFunctionsStore.js';
import { evaluatePath, evaluateTemplate } from './evaluateTemplate.js';
import type { TaskCall } from './taskCall.js';
import { TaskFailure } from './taskFailure.js';

/** Distributed Map's most concurrent child executions (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html). */
const MOST_CONCURRENT = 10_000;

/**
 * A Distributed Map (run by the sandbox, see prepareDefinition) as a map run:
 * one child execution of the ItemProcessor per item, at most MaxConcurrency at
 * a time, each a real execution (ListExecutions with the map run's ARN,
 * DescribeExecution, GetExecutionHistory). Its output is the children's
 * outputs in item order. Failed, timed-out or aborted children beyond
 * ToleratedFailureCount / ToleratedFailurePercentage (none by default) stop
 * the others and fail the state with `States.ExceedToleratedFailureThreshold`.
 * https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html
 */
export async function runDistributedMapTask(
  call: TaskCall,
  input: unknown,
  store: StepFunctionsStore,
): Promise<unknown> {
  const state = call.state;
  const items = typeof state.ItemsPath === 'string' ? await evaluatePath(state.ItemsPath, input, call.context) : input;
  if (!Array.isArray(items)) {
    throw new TaskFailure(
      'States.Runtime',
      `The Map state ${call.stateName}'s items are not an array: ${JSON.stringify(items)}.`,
    );
  }
  const tolerance = await toleranceOf(call, input);
  const maxConcurrency = (await numberField(call, input, 'MaxConcurrency')) ?? 0;
  const machineName = call.execution.stateMachineArn.split(':stateMachine:')[1] ?? '';
  const label = typeof state.Label === 'string' ? state.Label : call.stateName;
  const run: MapRunRecord = {
    mapRunArn: mapRunArn(call.region, machineName, label, randomUUID()),
    executionArn: call.execution.executionArn,
    stateMachineArn: `${call.execution.stateMachineArn}/${label}`,
    status: 'RUNNING',
    startDate: Date.now() / 1000,
    maxConcurrency,
    toleratedFailurePercentage: tolerance.percentage ?? 0,
    toleratedFailureCount: tolerance.count ?? 0,
    itemCounts: {
      pending: items.length,
      running: 0,
      succeeded: 0,
      failed: 0,
      timedOut: 0,
      aborted: 0,
      total: items.length,
      resultsWritten: 0,
    },
  };
  store.mapRuns[run.mapRunArn] = run;
  store.save();
  call.history.add('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn: run.mapRunArn } });

  const { ProcessorConfig: _config, ...processor } = state.ItemProcessor as Record<string, unknown>;
  const results: unknown[] = new Array(items.length);
  const children: string[] = [];
  let exceeded = false;
  let next = 0;
  const runItem = async (index: number) => {
    const value = items[index];
    const childInput = state.ItemSelector
      ? await evaluateTemplate(state.ItemSelector as Record<string, unknown>, input, {
          ...call.context,
          Map: { Item: { Index: index, Value: value } },
        })
      : value;
    const name = randomUUID();
    const child: ExecutionRecord = {
      executionArn: mapRunChildArn(call.region, machineName, label, name),
      stateMachineArn: run.stateMachineArn,
      name,
      status: 'RUNNING',
      startDate: Date.now() / 1000,
      input: JSON.stringify(childInput),
      mapRunArn: run.mapRunArn,
      definition: JSON.stringify(processor),
      roleArn: call.roleArn,
      history: [],
    };
    store.executions[child.executionArn] = child;
    children.push(child.executionArn);
    call.executions.own(call.execution.executionArn, child.executionArn);
    move(run, 'pending', 'running');
    call.executions.run(child);
    const closed = await call.executions.closed(child.executionArn);
    const outcome = ({ SUCCEEDED: 'succeeded', FAILED: 'failed', TIMED_OUT: 'timedOut', ABORTED: 'aborted' } as const)[
      closed.status as 'SUCCEEDED'
    ];
    move(run, 'running', outcome);
    results[index] =
      closed.output !== undefined ? JSON.parse(closed.output) : { Error: closed.error, Cause: closed.cause };
    if (!exceeded && outcome !== 'succeeded' && tooManyFailures(run, tolerance)) {
      exceeded = true;
      for (const arn of children) call.executions.stop(arn, 'States.ExceedToleratedFailureThreshold');
    }
  };
  const worker = async () => {
    while (!exceeded && !call.signal.aborted && next < items.length) await runItem(next++);
  };
  const workers = Math.min(items.length, maxConcurrency || MOST_CONCURRENT);
  await Promise.all(Array.from({ length: workers }, worker));

  run.stopDate = Date.now() / 1000;
  if (call.signal.aborted) run.status = 'ABORTED';
  else if (exceeded) {
    run.status = 'FAILED';
    const failure = new TaskFailure(
      'States.ExceedToleratedFailureThreshold',
      'The specified tolerated failure threshold was exceeded',
    );
    call.history.add('MapRunFailed', { mapRunFailedEventDetails: { error: failure.name, cause: failure.message } });
    store.save();
    throw failure;
  } else {
    run.status = 'SUCCEEDED';
    call.history.add('MapRunSucceeded');
  }
  store.save();
  return results;
}

type Tolerance = { readonly percentage?: number; readonly count?: number };

async function toleranceOf(call: TaskCall, input: unknown): Promise<Tolerance> {
  return {
    percentage: await numberField(call, input, 'ToleratedFailurePercentage'),
    count: await numberField(call, input, 'ToleratedFailureCount'),
  };
}

/** A field given as a number or through its `…Path` form. */
async function numberField(call: TaskCall, input: unknown, field: string): Promise<number | undefined> {
  const path = call.state[`${field}Path`];
  const value = typeof path === 'string' ? await evaluatePath(path, input, call.context) : call.state[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0) {
    throw new TaskFailure(
      'States.Runtime',
      `The Map state ${call.stateName}'s ${field} is ${JSON.stringify(value)}, not a number ≥ 0.`,
    );
  }
  return value;
}

function tooManyFailures(run: MapRunRecord, tolerance: Tolerance): boolean {
  const { failed, timedOut, aborted, total } = run.itemCounts;
  const failures = failed + timedOut + aborted;
  if (tolerance.percentage === undefined && tolerance.count === undefined) return failures > 0;
  return (
    (tolerance.count !== undefined && failures > tolerance.count) ||
    (tolerance.percentage !== undefined && (failures / total) * 100 > tolerance.percentage)
  );
}

function move(run: MapRunRecord, from: keyof MapRunRecord['itemCounts'], to: keyof MapRunRecord['itemCounts']): void {
  run.itemCounts[from] -= 1;
  run.itemCounts[to] += 1;
}
