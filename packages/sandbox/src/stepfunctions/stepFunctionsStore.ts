import { JsonStateFile } from '../jsonStateFile.js';

/** A state machine as DescribeStateMachine returns it (dates in epoch seconds). */
export interface StateMachineRecord {
  readonly stateMachineArn: string;
  readonly name: string;
  definition: string;
  roleArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly creationDate: number;
  updateDate?: number;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
  revisionId: string;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One event of an execution's history, as GetExecutionHistory returns it. */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** An execution: what DescribeExecution returns, the definition it runs (as of its start) and its history. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  status: ExecutionStatus;
  readonly startDate: number;
  stopDate?: number;
  readonly input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** The Distributed Map run this execution is a child of. */
  readonly mapRunArn?: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly history: HistoryEvent[];
}

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** The counts DescribeMapRun reports, for items and for child executions alike (one execution per item). */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
}

/** A Distributed Map run, as DescribeMapRun returns it. */
export interface MapRunRecord {
  readonly mapRunArn: string;
  readonly executionArn: string;
  /** The ARN its child executions report as their state machine (`stateMachine:{machine}/{label}`). */
  readonly stateMachineArn: string;
  status: MapRunStatus;
  readonly startDate: number;
  stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
  readonly toleratedFailureCount: number;
  readonly itemCounts: MapRunCounts;
}

interface StoredState {
  machines: Record<string, StateMachineRecord>;
  executions: Record<string, ExecutionRecord>;
  mapRuns: Record<string, MapRunRecord>;
}

/** How long a running execution's history may stay unsaved: histories grow by the event, saves are whole-file. */
const SAVE_DELAY_MS = 200;

/** The cause given to executions that were running when the sandbox stopped (see docs/sandbox.md). */
export const INTERRUPTED_CAUSE =
  'The dynamo-dr sandbox stopped while this execution was running; executions are not resumed after a restart.';

/**
 * Step Functions' state: state machines, executions with their histories, and
 * map runs, in memory and, when `file` is set, in that JSON file. Status
 * changes are saved at once, history events within {@link SAVE_DELAY_MS}.
 */
export class StepFunctionsStore {
  private readonly state: JsonStateFile<StoredState>;
  private timer: NodeJS.Timeout | undefined;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ machines: {}, executions: {}, mapRuns: {} }));
    this.failInterrupted();
  }

  get machines(): Record<string, StateMachineRecord> {
    return this.state.data.machines;
  }

  get executions(): Record<string, ExecutionRecord> {
    return this.state.data.executions;
  }

  get mapRuns(): Record<string, MapRunRecord> {
    return this.state.data.mapRuns;
  }

  /** Saves now (after a status change). */
  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.state.save();
  }

  /** Saves soon (after a history event). */
  saveSoon(): void {
    this.timer ??= setTimeout(() => this.save(), SAVE_DELAY_MS);
  }

  /** Writes what is pending; call when the sandbox stops. */
  flush(): void {
    if (this.timer) this.save();
  }

  /**
   * The restart rule: an execution cannot be resumed (the interpreter keeps
   * its position, retry counts and branch states in memory, and re-running
   * Tasks that already ran would repeat their side effects), so every
   * execution and map run still RUNNING in the file becomes FAILED with
   * `States.Runtime` and {@link INTERRUPTED_CAUSE}.
   */
  private failInterrupted(): void {
    const now = Date.now() / 1000;
    let changed = false;
    for (const execution of Object.values(this.executions)) {
      if (execution.status !== 'RUNNING') continue;
      Object.assign(execution, { status: 'FAILED', stopDate: now, error: 'States.Runtime', cause: INTERRUPTED_CAUSE });
      const last = execution.history.at(-1)?.id ?? 0;
      execution.history.push({
        id: last + 1,
        previousEventId: last,
        timestamp: now,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: 'States.Runtime', cause: INTERRUPTED_CAUSE },
      });
      changed = true;
    }
    for (const run of Object.values(this.mapRuns)) {
      if (run.status !== 'RUNNING') continue;
      Object.assign(run, { status: 'FAILED', stopDate: now });
      changed = true;
    }
    if (changed) this.save();
  }
}
