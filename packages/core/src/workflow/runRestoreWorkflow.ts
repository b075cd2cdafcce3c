import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { DrError } from '../errors.js';
import type { RestoreInput } from '../restore/restoreInput.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import type { AslDefinition, AslState } from './aslStates.js';
import { installPromiseWithResolvers } from './promiseWithResolvers.js';
import { restoreStateMachineDefinition } from './restoreStateMachine.js';
import { syncStateMachineDefinition } from './syncStateMachine.js';
import {
  createWorkflowHandlers,
  dispatchWorkflowEvent,
  type WorkflowEvent,
  type WorkflowHandlerContext,
} from './workflowHandlers.js';
import { localWorkflowResources } from './workflowResources.js';

/** One local execution of a table's restore state machine. */
export interface LocalRestoreExecution {
  readonly settings: TableRestoreSettings;
  readonly input: RestoreInput;
  readonly context: WorkflowHandlerContext;
  /** The execution's id (`$$.Execution.Id`): one per command invocation. */
  readonly executionId: string;
  /**
   * How long the polling states wait between attempts, in ms. The ASL's own
   * backoff (5 s doubling to 60 s) suits AWS; the sandbox finishes in moments.
   * @default 250
   */
  readonly pollIntervalMs?: number;
}

/** What the restore state machine outputs when it succeeds. */
export interface RestoreWorkflowOutput {
  readonly incidentId: string;
  readonly tableName: string;
  readonly result: 'succeeded';
}

/**
 * Runs a table's restore state machine locally with aws-local-stepfunctions:
 * the same ASL that deploys to AWS, its Task states mapped to the in-process
 * workflow handlers, and the `startExecution.sync:2` state running the sync
 * state machine the same way. A failed execution rethrows the handler's
 * original error, so the CLI keeps its exit codes.
 *
 * @example
 * await runRestoreWorkflow({ settings, input, context, executionId: randomUUID() });
 */
export async function runRestoreWorkflow(execution: LocalRestoreExecution): Promise<RestoreWorkflowOutput> {
  installPromiseWithResolvers();
  const resources = localWorkflowResources(execution.settings);
  const parent = restoreStateMachineDefinition(execution.settings, resources);
  const child = syncStateMachineDefinition(execution.settings, resources);
  const handlers = createWorkflowHandlers(execution.context);
  const originals = new Map<string, unknown>();

  const callHandler = async (event: unknown) => {
    try {
      return (await dispatchWorkflowEvent(handlers, event as WorkflowEvent)) ?? null;
    } catch (error) {
      originals.set(errorKey(error as Error), error);
      throw error;
    }
  };
  const run = async (definition: AslDefinition, input: unknown, extra: Record<string, (input: unknown) => unknown>) => {
    const local: Record<string, (input: unknown) => unknown> = { ...extra };
    for (const name of taskStates(definition, resources.handlerFunctionArn)) local[name] = callHandler;
    const machine = new StateMachine(definition as unknown as StateMachineDefinition);
    const started = machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: local as never,
        retryIntervalOverrides: {
          AwaitForensicBackup: execution.pollIntervalMs ?? 250,
          AwaitRestoredTable: execution.pollIntervalMs ?? 250,
        },
      },
      context: { Execution: { Id: execution.executionId, Input: input as never, StartTime: new Date().toISOString() } },
    });
    try {
      return await started.result;
    } catch (error) {
      if (!(error instanceof ExecutionError)) throw error;
      const cause = error.cause as Error;
      throw originals.get(errorKey(cause)) ?? new DrError(`${cause.name}: ${cause.message}`);
    }
  };

  const runSync = async (input: unknown) => {
    try {
      return { Status: 'SUCCEEDED', Output: await run(child, (input as { Input: unknown }).Input, {}) };
    } catch (error) {
      // On AWS a failed child fails this Task with States.TaskFailed; keep the child's error as the cause.
      const failed = Object.assign(
        new Error(JSON.stringify({ Error: (error as Error).name, Cause: (error as Error).message })),
        {
          name: 'States.TaskFailed',
        },
      );
      originals.set(errorKey(failed), error);
      throw failed;
    }
  };
  return (await run(parent, execution.input, { SyncTableData: runSync })) as unknown as RestoreWorkflowOutput;
}

function errorKey(error: Error): string {
  return `${error.name}\n${error.message}`;
}

/** Names of the Task states calling `functionArn`, at every depth (Parallel branches, Map processors). */
export function taskStates(definition: { States: Record<string, AslState> }, functionArn: string): string[] {
  const names: string[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === 'Task' && state.Resource === functionArn) names.push(name);
    for (const nested of [
      ...((state.Branches as AslDefinition[] | undefined) ?? []),
      state.ItemProcessor as AslDefinition,
    ]) {
      if (nested) names.push(...taskStates(nested, functionArn));
    }
  }
  return names;
}
