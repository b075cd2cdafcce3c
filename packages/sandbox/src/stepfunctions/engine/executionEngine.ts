// aws-local-stepfunctions calls Promise.withResolvers (Node 22); this installs it on Node 20.
import 'core-js/actual/promise/with-resolvers.js';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { ExecutionRecord, ExecutionStatus, StepFunctionsStore } from '../stepFunctionsStore.js';
import { runDistributedMapTask } from './distributedMapTask.js';
import { dataField, HistoryRecorder } from './historyRecorder.js';
import { OpenTasks, recordInterpreterEvents } from './interpreterEvents.js';
import { isLambdaResource, LAMBDA_INVOKE, runLambdaTask } from './lambdaTask.js';
import { prepareDefinition, type PreparedState } from './preparedDefinition.js';
import { isStartExecutionResource, runStartExecutionTask } from './startExecutionTask.js';
import type { ChildExecutions, TaskCall } from './taskCall.js';
import type { TaskClients } from './taskClients.js';
import { TaskEvents, type TaskEventFamily } from './taskEvents.js';
import { TaskFailure } from './taskFailure.js';
import { runWaitTask } from './waitTask.js';

export interface ExecutionEngineOptions {
  /** Task states' calls to Lambda and Step Functions. */
  readonly clients: TaskClients;
  /** Wait states and Retry pauses last this many times their AWS duration. @default 1 */
  readonly timeScale?: number;
}

interface Outcome {
  readonly status: Exclude<ExecutionStatus, 'RUNNING'>;
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

interface Running {
  readonly record: ExecutionRecord;
  readonly history: HistoryRecorder;
  /** Aborted when the execution closes: ends waits and stops owned children. */
  readonly closing: AbortController;
  readonly owned: Set<string>;
  readonly waiters: ((record: ExecutionRecord) => void)[];
  abort?: () => void;
}

/**
 * Runs executions with aws-local-stepfunctions (JSONPath definitions), the
 * sandbox running each Task state itself: Lambda functions and
 * `startExecution` through {@link TaskClients}, Wait states and Distributed
 * Maps in-process. Keeps each execution's status and AWS-shaped history in the store.
 */
export class ExecutionEngine implements ChildExecutions {
  private readonly running = new Map<string, Running>();
  private readonly timeScale: number;

  constructor(
    private readonly store: StepFunctionsStore,
    private readonly options: ExecutionEngineOptions,
  ) {
    this.timeScale = options.timeScale ?? 1;
  }

  find(executionArn: string): ExecutionRecord | undefined {
    return this.store.executions[executionArn];
  }

  run(record: ExecutionRecord): void {
    const running: Running = {
      record,
      history: new HistoryRecorder(record, () => this.store.saveSoon()),
      closing: new AbortController(),
      owned: new Set(),
      waiters: [],
    };
    this.running.set(record.executionArn, running);
    this.store.save();
    this.execute(running).catch((error: unknown) => {
      // A sandbox bug, not the definition's: fail the execution and say so loudly.
      console.error('[dynamo-dr sandbox] Step Functions engine error', error);
      this.close(running, { status: 'FAILED', error: 'States.Runtime', cause: String(error) });
    });
  }

  closed(executionArn: string): Promise<ExecutionRecord> {
    const running = this.running.get(executionArn);
    if (running) return new Promise((resolve) => running.waiters.push(resolve));
    const record = this.store.executions[executionArn];
    return record ? Promise.resolve(record) : Promise.reject(new Error(`No execution ${executionArn}`));
  }

  stop(executionArn: string, error?: string, cause?: string): void {
    const running = this.running.get(executionArn);
    if (!running) return;
    this.close(running, { status: 'ABORTED', error, cause });
    running.abort?.();
  }

  /**
   * The sandbox is stopping: every interpreter is abandoned where it is, its
   * execution left RUNNING in the store (the next start fails it, see StepFunctionsStore).
   */
  shutdown(): void {
    for (const running of this.running.values()) {
      running.history.close();
      running.closing.abort();
      running.abort?.();
    }
    this.running.clear();
  }

  own(parentArn: string, childArn: string): void {
    this.running.get(parentArn)?.owned.add(childArn);
  }

  private async execute(running: Running): Promise<void> {
    const { record, history } = running;
    const input: unknown = JSON.parse(record.input);
    history.add('ExecutionStarted', {
      executionStartedEventDetails: { ...dataField('input', input), roleArn: record.roleArn },
    });
    const prepared = prepareDefinition(JSON.parse(record.definition), this.timeScale);
    const context = contextObject(record);
    const open = new OpenTasks();
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [name, state] of prepared.states) {
      if (state.state.Type === 'Task' || state.type === 'Wait' || state.type === 'DistributedMap') {
        handlers[name] = (taskInput) => this.runTask(running, name, state, taskInput, context, open);
      }
    }
    const machine = new StateMachine(prepared.definition, { validationOptions: { noValidate: true } });
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: prepared.retryIntervals },
      context: context as never,
    });
    running.abort = execution.abort;
    const recorded = recordInterpreterEvents(execution.eventLogs, prepared, history, open);
    let outcome: Outcome;
    try {
      outcome = { status: 'SUCCEEDED', output: await execution.result };
    } catch (error) {
      outcome = outcomeOf(error);
    }
    await recorded;
    this.close(running, outcome);
  }

  private async runTask(
    running: Running,
    stateName: string,
    prepared: PreparedState,
    input: unknown,
    context: Record<string, unknown>,
    open: OpenTasks,
  ): Promise<unknown> {
    // The interpreter calls a Task's handler right after queueing its StateEntered event: let that be recorded first.
    await new Promise((resolve) => setImmediate(resolve));
    const { record } = running;
    const resource = String(prepared.state.Resource ?? '');
    const region = record.executionArn.split(':')[3] ?? '';
    const events = new TaskEvents(
      running.history,
      eventFamily(resource, region),
      prepared.state.TimeoutSeconds as number | undefined,
    );
    open.add(stateName, events);
    const call: TaskCall = {
      stateName,
      state: prepared.state,
      resource,
      execution: record,
      context,
      roleArn: record.roleArn,
      region,
      events,
      history: running.history,
      clients: this.options.clients,
      executions: this,
      signal: running.closing.signal,
      timeScale: this.timeScale,
    };
    if (prepared.type === 'Wait') return runWaitTask(call, input);
    if (prepared.type === 'DistributedMap') return runDistributedMapTask(call, input, this.store);
    if (isLambdaResource(resource)) return runLambdaTask(call, input);
    if (isStartExecutionResource(resource)) return runStartExecutionTask(call, input);
    // CreateStateMachine refuses other resources (supportedDefinition.ts); a definition from before that check lands here.
    throw new TaskFailure('States.Runtime', `The dynamo-dr sandbox does not run Task resource ${resource}.`);
  }

  private close(running: Running, outcome: Outcome): void {
    const { record, history } = running;
    if (record.status !== 'RUNNING' || this.running.get(record.executionArn) !== running) return;
    Object.assign(record, {
      status: outcome.status,
      stopDate: Date.now() / 1000,
      ...(outcome.status === 'SUCCEEDED' && { output: JSON.stringify(outcome.output ?? null) }),
      ...(outcome.error !== undefined && { error: outcome.error }),
      ...(outcome.cause !== undefined && { cause: outcome.cause }),
    });
    const problem = {
      ...(outcome.error !== undefined && { error: outcome.error }),
      ...(outcome.cause !== undefined && { cause: outcome.cause }),
    };
    if (outcome.status === 'SUCCEEDED') {
      history.add('ExecutionSucceeded', { executionSucceededEventDetails: dataField('output', outcome.output) });
    } else if (outcome.status === 'FAILED') history.add('ExecutionFailed', { executionFailedEventDetails: problem });
    else if (outcome.status === 'TIMED_OUT')
      history.add('ExecutionTimedOut', { executionTimedOutEventDetails: problem });
    else history.add('ExecutionAborted', { executionAbortedEventDetails: problem });
    history.close();
    this.running.delete(record.executionArn);
    this.store.save();
    running.closing.abort();
    for (const child of running.owned) this.stop(child, 'States.Aborted', `Its parent ${record.executionArn} closed.`);
    for (const waiter of running.waiters) waiter(record);
  }
}

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ExecutionTimeoutError) {
    return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran longer than its TimeoutSeconds.' };
  }
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
  // A Fail state without Error/Cause fails the execution without them, as on AWS.
  if (cause.name === 'FailStateError' && cause.message === 'Execution failed because of a Fail state') {
    return { status: 'FAILED' };
  }
  return { status: 'FAILED', error: cause.name, cause: cause.message };
}

function eventFamily(resource: string, region: string): TaskEventFamily {
  if (isLambdaResource(resource) && resource !== LAMBDA_INVOKE) return { kind: 'lambda', functionArn: resource };
  // arn:aws:states:::lambda:invoke -> resourceType lambda, resource invoke
  const [resourceType = '', ...rest] = resource.split(':::')[1]?.split(':') ?? [];
  return { kind: 'service', resourceType, resource: rest.join(':'), region };
}

/** The context object (`$$`) of an execution (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html). */
function contextObject(record: ExecutionRecord): Record<string, unknown> {
  return {
    Execution: {
      Id: record.executionArn,
      Name: record.name,
      RoleArn: record.roleArn,
      StartTime: new Date(record.startDate * 1000).toISOString(),
    },
    StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineArn.split(':stateMachine:')[1] },
  };
}
