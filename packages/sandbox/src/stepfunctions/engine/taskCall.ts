import type { ExecutionRecord } from '../stepFunctionsStore.js';
import type { HistoryRecorder } from './historyRecorder.js';
import type { TaskClients } from './taskClients.js';
import type { TaskEvents } from './taskEvents.js';

/** What the engine offers a Task that starts or runs other executions. */
export interface ChildExecutions {
  /** The execution, as the store holds it; undefined when unknown. */
  find(executionArn: string): ExecutionRecord | undefined;
  /** Resolves with the execution once it is closed (at once if it is). */
  closed(executionArn: string): Promise<ExecutionRecord>;
  /** Stops a running execution (ABORTED); nothing if it is closed. */
  stop(executionArn: string, error?: string, cause?: string): void;
  /** Runs an execution record just put in the store (a map run's child). */
  run(record: ExecutionRecord): void;
  /** Stops `childArn` if it is still running when `parentArn` closes. */
  own(parentArn: string, childArn: string): void;
}

/** One attempt of a Task state, as the sandbox's task runners receive it. */
export interface TaskCall {
  readonly stateName: string;
  /** The state as written in the definition. */
  readonly state: Readonly<Record<string, unknown>>;
  readonly resource: string;
  readonly execution: ExecutionRecord;
  /** The execution's context object (`$$`). */
  readonly context: Readonly<Record<string, unknown>>;
  readonly roleArn: string;
  readonly region: string;
  readonly events: TaskEvents;
  /** The execution's history, for events that are not the attempt's own (a map run's). */
  readonly history: HistoryRecorder;
  readonly clients: TaskClients;
  readonly executions: ChildExecutions;
  /** Aborted when the execution closes (stopped, failed, timed out). */
  readonly signal: AbortSignal;
  /** Wait durations are multiplied by it. */
  readonly timeScale: number;
}
