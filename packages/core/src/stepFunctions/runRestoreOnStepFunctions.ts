import { DrError } from '../errors.js';
import type { RestoreRun } from '../restore/restoreRun.js';
import { runOfKind } from '../runs/tableRun.js';
import type { RestorePlan } from '../restore/restorePlan.js';
import { executionFailure } from './executionFailure.js';
import { followExecution, type ExecutionObserver } from './followExecution.js';
import type { StepFunctionsClients, StepFunctionsRestore, TableExecution } from './prepareStepFunctionsRestore.js';
import { describeExecutionIfExists, startNamedExecution } from './stepFunctionsCalls.js';

/** How {@link runRestoreOnStepFunctions} runs. */
export interface StepFunctionsRunOptions extends ExecutionObserver {
  /** Called before the first execution starts (not when only attaching): the recovery-mode guard. */
  readonly assertWritesAllowed?: (plan: RestorePlan) => Promise<void>;
  /** Told each table's execution once it is started or attached to. */
  readonly onExecution?: (tableName: string, executionArn: string, how: TableExecution['found']) => void;
}

/**
 * Runs a prepared recovery on the deployed stack: starts each table's restore (or revert) machine with exactly
 * `{ incidentId, pitrBackupTime, tableNameRecoveryConfirmation }` (a revert's `untilTime` and `onConflict` when
 * given) under its deterministic name (or attaches to
 * the incident's running execution), all tables at once, follows every execution to its end, and returns the
 * run as the stack's workers journaled it. Rejects, after every execution has ended, with the first table's
 * failure as the error its step threw.
 *
 * @example
 * const prepared = await prepareStepFunctionsRestore(clients, 'ProdDisasterRecovery', request);
 * const run = await runRestoreOnStepFunctions(clients, prepared, { onStep: (table, step) => console.error(table, step) });
 */
export async function runRestoreOnStepFunctions(
  clients: StepFunctionsClients,
  prepared: StepFunctionsRestore,
  options: StepFunctionsRunOptions = {},
): Promise<RestoreRun> {
  const { plan, journal } = prepared;
  if (prepared.executions.some((e) => e.found === 'start')) await options.assertWritesAllowed?.(plan);
  const outcomes = await Promise.allSettled(
    prepared.executions.map(async (execution) => {
      if (execution.found === 'start') await start(clients, prepared, execution);
      options.onExecution?.(execution.tableName, execution.executionArn, execution.found);
      const ended = await followExecution(
        clients.sfn,
        journal,
        { executionArn: execution.executionArn, incidentId: plan.incidentId, tableName: execution.tableName },
        options,
      );
      if (ended.status !== 'SUCCEEDED') throw await executionFailure(clients.sfn, execution.tableName, ended);
    }),
  );
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) throw failed.reason;
  const run = runOfKind<RestoreRun>(await journal.getRun(plan.incidentId), 'restore');
  if (!run)
    throw new DrError(`The run of incident ${plan.incidentId} is missing from ${prepared.deployed.journalTableName}.`);
  return run;
}

/**
 * Starts the table's execution. Another command may have started the same name meanwhile: with the same
 * input, StartExecution returns that execution; otherwise it is refused and the execution found is followed if
 * it runs.
 */
async function start(
  clients: StepFunctionsClients,
  { plan, extraInput }: StepFunctionsRestore,
  execution: TableExecution,
): Promise<void> {
  const name = execution.executionArn.split(':').pop()!;
  const input = JSON.stringify({
    incidentId: plan.incidentId,
    pitrBackupTime: plan.requestedTime,
    tableNameRecoveryConfirmation: execution.tableName,
    ...extraInput,
  });
  const started = await startNamedExecution(clients.sfn, { stateMachineArn: execution.stateMachineArn, name, input });
  if (started) return;
  const current = await describeExecutionIfExists(clients.sfn, execution.executionArn);
  if (current?.status === 'RUNNING') return;
  throw new DrError(`Execution ${execution.executionArn} was started by another command and is ${current?.status}.`, {
    hint: 'Run the same command again: it follows or resumes that run.',
  });
}
