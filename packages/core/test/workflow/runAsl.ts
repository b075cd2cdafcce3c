import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { restoreHandlers } from '../../src/restore/restoreHandlers.js';
import type { TableRestoreSettings } from '../../src/restore/restorePlan.js';
import { restoreStateMachineDefinition, syncStateMachineDefinition } from '../../src/restore/restoreStateMachines.js';
import type { RestoreStepContext } from '../../src/restore/restoreStepContext.js';
import type { AslDefinition, AslState } from '../../src/workflow/aslStates.js';
import { dispatchStep } from '../../src/workflow/dispatchStep.js';
import { errorFromStepFailure } from '../../src/workflow/stepFailure.js';
import { allSteps, type Step, type StepEvent, type StepHandlers } from '../../src/workflow/steps.js';
import { localWorkflowResources } from '../../src/workflow/workflowResources.js';
import { installPromiseWithResolvers } from './promiseWithResolvers.js';

/** Every Task state calling `functionArn`, at every depth. */
function taskStates(definition: { States: Record<string, AslState> }, functionArn: string): string[] {
  return Object.entries(definition.States).flatMap(([name, state]) => [
    ...(state.Type === 'Task' && state.Resource === functionArn ? [name] : []),
    ...[...((state.Branches as AslDefinition[] | undefined) ?? []), state.ItemProcessor as AslDefinition]
      .filter(Boolean)
      .flatMap((nested) => taskStates(nested, functionArn)),
  ]);
}

/**
 * Runs one state machine's ASL with aws-local-stepfunctions, as Step Functions would: its Task states call
 * `handlers`' dispatch in this process (`extra` overrides others by state name), each call pushed to `trace`;
 * rejects with the error the failure carried.
 */
export async function runAslDefinition<C>(
  definition: AslDefinition,
  handlerTable: StepHandlers<C>,
  ctx: C,
  machineInput: unknown,
  trace: string[],
  extra: Record<string, unknown> = {},
): Promise<unknown> {
  installPromiseWithResolvers();
  const functionArn = localWorkflowResources({ logicalName: 'x' }).handlerFunctionArn;
  const handlers: Record<string, unknown> = { ...extra };
  for (const name of taskStates(definition, functionArn)) {
    handlers[name] = (event: StepEvent) => {
      trace.push(name);
      return dispatchStep(handlerTable, ctx, event);
    };
  }
  const machine = new StateMachine(definition as unknown as StateMachineDefinition);
  const polls = Object.fromEntries(POLL_STATES.map((name) => [name, 50]));
  const execution = machine.run(machineInput as never, {
    overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: polls },
    context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:x:asl-1' } },
  });
  try {
    return await execution.result;
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    const cause = error.cause as Error;
    throw errorFromStepFailure({ Error: cause.name, Cause: cause.message });
  }
}

/** The poll states, retried every 50 ms here (the sandbox finishes in moments). */
const POLL_STATES = ['AwaitForensicBackup', 'AwaitRestoredTable', 'AwaitRevertExports'];

/**
 * Runs the generated ASL of a table's restore, the sync Task running the sync state machine's ASL. Returns
 * the Task states called, in order; rejects with the error the failure carried.
 */
export async function runAsl(
  settings: TableRestoreSettings,
  ctx: RestoreStepContext,
  input: unknown,
): Promise<string[]> {
  const resources = localWorkflowResources(settings);
  const trace: string[] = [];
  const child = syncStateMachineDefinition(settings, resources);
  await runAslDefinition(restoreStateMachineDefinition(settings, resources), restoreHandlers, ctx, input, trace, {
    SyncTableData: async (task: { Input: unknown }) => {
      trace.push('SyncTableData');
      try {
        return { Status: 'SUCCEEDED', Output: await runAslDefinition(child, restoreHandlers, ctx, task.Input, trace) };
      } catch (error) {
        // As Step Functions fails a startExecution.sync Task whose child failed: the child's error in the cause.
        const { name, message } = error as Error;
        throw Object.assign(new Error(JSON.stringify({ error: name, cause: message })), { name: 'States.TaskFailed' });
      }
    },
  });
  return trace;
}

/**
 * The steps a trace took: each once, in order of first call; the steps of the `parallel` step's branches,
 * which interleave, sorted.
 */
export function stepsTaken(trace: readonly string[], parallel: Step): string[] {
  const inBranches = new Set(allSteps([parallel]).map((s) => s.name));
  const unique = [...new Set(trace)];
  const first = unique.findIndex((name) => inBranches.has(name));
  const branchSteps = unique.filter((name) => inBranches.has(name));
  const rest = unique.filter((name) => !inBranches.has(name));
  return [...rest.slice(0, first), ...branchSteps.sort(), ...rest.slice(first)];
}
