import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from '../../src/checkpoint/fileCheckpointStore.js';
import { InputError, VerificationError } from '../../src/errors.js';
import { FileRunJournal } from '../../src/journal/fileRunJournal.js';
import { planRestore } from '../../src/restore/planRestore.js';
import { restoreHandlers } from '../../src/restore/restoreHandlers.js';
import { defaultRestoreSettings, type TableRestoreSettings } from '../../src/restore/restorePlan.js';
import type { RestoreRun } from '../../src/restore/restoreRun.js';
import { restoreStateMachineDefinition, syncStateMachineDefinition } from '../../src/restore/restoreStateMachines.js';
import type { RestoreStepContext } from '../../src/restore/restoreStepContext.js';
import { restoreWorkflow } from '../../src/restore/restoreWorkflow.js';
import { runRestore } from '../../src/restore/runRestore.js';
import { digestTable } from '../../src/sync/digestTable.js';
import type { AslDefinition, AslState } from '../../src/workflow/aslStates.js';
import { dispatchStep } from '../../src/workflow/dispatchStep.js';
import { errorFromStepFailure } from '../../src/workflow/stepFailure.js';
import { allSteps, type StepEvent } from '../../src/workflow/steps.js';
import { localWorkflowResources } from '../../src/workflow/workflowResources.js';
import { createSampleTable, simulateIncident, tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';
import { installPromiseWithResolvers } from './promiseWithResolvers.js';

const ITEMS = 40;
let sandbox: Sandbox;
let client: DynamoDBClient;

beforeAll(async () => {
  installPromiseWithResolvers();
  sandbox = await startSandbox();
  // The engine's own client resolves credentials and the endpoint as on Lambda: from the standard variables.
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient(sandbox.clientConfig);
});
afterAll(() => sandbox.stop());

const settingsOf = (tableName: string, mode: 'delta' | 'reset'): TableRestoreSettings => ({
  ...defaultRestoreSettings,
  tableName,
  logicalName: tableName.replace(/[^A-Za-z0-9]/g, ''),
  mode,
  segments: 2,
});

async function stepContext(): Promise<RestoreStepContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'draslrun-')));
  return {
    dynamodb: client,
    aws: {},
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    engineClient: new DynamoDBClient({ ...sandbox.clientConfig, maxAttempts: 1 }),
    startedBy: 'test@host',
    // As on Lambda: a segment call works at most this long, then returns unfinished.
    segmentBudgetMs: 60_000,
  };
}

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
 * Runs the generated ASL of a table's restore with aws-local-stepfunctions, as Step Functions would: its
 * Task states call the Lambda handler's dispatch in this process, the sync Task runs the sync state
 * machine's ASL. Returns the Task states called, in order; rejects with the error the failure carried.
 */
async function runAsl(settings: TableRestoreSettings, ctx: RestoreStepContext, input: unknown): Promise<string[]> {
  const resources = localWorkflowResources(settings);
  const trace: string[] = [];
  const run = async (definition: AslDefinition, machineInput: unknown, extra: Record<string, unknown>) => {
    const handlers: Record<string, unknown> = { ...extra };
    for (const name of taskStates(definition, resources.handlerFunctionArn)) {
      handlers[name] = (event: StepEvent) => {
        trace.push(name);
        return dispatchStep(restoreHandlers, ctx, event);
      };
    }
    const machine = new StateMachine(definition as unknown as StateMachineDefinition);
    const execution = machine.run(machineInput as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        retryIntervalOverrides: { AwaitForensicBackup: 50, AwaitRestoredTable: 50 },
      },
      context: { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:x:asl-1' } },
    });
    try {
      return await execution.result;
    } catch (error) {
      if (!(error instanceof ExecutionError)) throw error;
      const cause = error.cause as Error;
      throw errorFromStepFailure({ Error: cause.name, Cause: cause.message });
    }
  };
  const child = syncStateMachineDefinition(settings, resources);
  await run(restoreStateMachineDefinition(settings, resources), input, {
    SyncTableData: async (task: { Input: unknown }) => {
      trace.push('SyncTableData');
      try {
        return { Status: 'SUCCEEDED', Output: await run(child, task.Input, {}) };
      } catch (error) {
        // As Step Functions fails a startExecution.sync Task whose child failed: the child's error in the cause.
        const { name, message } = error as Error;
        throw Object.assign(new Error(JSON.stringify({ error: name, cause: message })), { name: 'States.TaskFailed' });
      }
    },
  });
  return trace;
}

/** The steps a trace took: each once, in order of first call; the parallel branches' steps, which interleave, sorted. */
function stepsTaken(trace: readonly string[], settings: TableRestoreSettings): string[] {
  const parallel = restoreWorkflow(settings).steps.find((s) => s.kind === 'parallel')!;
  const inBranches = new Set(allSteps([parallel]).map((s) => s.name));
  const unique = [...new Set(trace)];
  const first = unique.findIndex((name) => inBranches.has(name));
  const branchSteps = unique.filter((name) => inBranches.has(name));
  const rest = unique.filter((name) => !inBranches.has(name));
  return [...rest.slice(0, first), ...branchSteps.sort(), ...rest.slice(first)];
}

/** What both executors must leave the same: the run's result, counts, verification, phases and segments. */
function recordedOutcome(run: RestoreRun | undefined, tableName: string) {
  const table = run?.tables[tableName];
  return {
    result: run?.result,
    tableResult: table?.result,
    counts: table?.counts,
    verification: table?.verification && { equal: table.verification.equal, count: table.verification.count },
    phases: Object.keys(table?.phases ?? {}).sort(),
    ended: Object.values(table?.phases ?? {}).every((p) => p.endedAt !== undefined),
    segmentsDone: [...(table?.segmentsDone ?? [])].sort(),
    attempts: run?.attempts.length,
  };
}

describe('the in-process executor and the generated ASL', () => {
  it.each(['delta', 'reset'] as const)(
    '%s: take the same steps to the same end state (table content, run record)',
    async (mode) => {
      const tables = { executor: `Same-${mode}-exec`, asl: `Same-${mode}-asl` };
      for (const table of Object.values(tables)) await createSampleTable(client, table, ITEMS);
      const t = await timeBetweenWrites();
      const atT = await tableContents(client, tables.executor);
      for (const table of Object.values(tables)) await simulateIncident(client, table, ITEMS);
      const incidentId = `inc-same-${mode}`;

      const executorCtx = await stepContext();
      const executorTrace: string[] = [];
      const plan = await planRestore(client, executorCtx.journal, {
        incidentId,
        pitrBackupTime: t,
        tables: [settingsOf(tables.executor, mode)],
        confirmations: [tables.executor],
      });
      await runRestore(executorCtx, plan, { pollIntervalMs: 50, onStep: (_, step) => executorTrace.push(step) });

      const aslCtx = await stepContext();
      const aslSettings = settingsOf(tables.asl, mode);
      const aslTrace = await runAsl(aslSettings, aslCtx, {
        incidentId,
        pitrBackupTime: t,
        tableNameRecoveryConfirmation: tables.asl,
      });

      // The state machine validates its raw input first (anyone may start it); in-process the plan was made by planning.
      expect(aslTrace[0]).toBe('ValidateRestoreInput');
      expect(stepsTaken(aslTrace.slice(1), aslSettings)).toEqual(
        stepsTaken(executorTrace, settingsOf(tables.executor, mode)),
      );
      const segmentCalls = (trace: string[], task: string) => trace.filter((name) => name === task).length;
      const segmentTask = mode === 'delta' ? 'DeltaSyncSegment' : 'CopyRestoredSegment';
      expect(segmentCalls(aslTrace, segmentTask)).toBe(2);
      expect(segmentCalls(executorTrace, segmentTask)).toBe(2);

      expect(await tableContents(client, tables.executor)).toEqual(atT);
      expect(await tableContents(client, tables.asl)).toEqual(atT);
      const [executorDigest, aslDigest] = await Promise.all(
        Object.values(tables).map((tableName) => digestTable({ client, tableName })),
      );
      expect(aslDigest).toEqual(executorDigest);
      const executorRun = (await executorCtx.journal.getRun(incidentId)) as RestoreRun | undefined;
      const aslRun = (await aslCtx.journal.getRun(incidentId)) as RestoreRun | undefined;
      expect(recordedOutcome(aslRun, tables.asl)).toEqual(recordedOutcome(executorRun, tables.executor));
      expect(recordedOutcome(aslRun, tables.asl)).toMatchObject({ result: 'succeeded', ended: true, attempts: 1 });
    },
  );

  it('fail with the same error class: a refused input before anything starts, a failure after the lock recorded', async () => {
    const table = 'Same-fail';
    await createSampleTable(client, table, 5);
    const t = await timeBetweenWrites();
    const settings = settingsOf(table, 'delta');
    const ctx = await stepContext();
    const refused = runAsl(settings, ctx, {
      incidentId: 'inc-f',
      pitrBackupTime: t,
      tableNameRecoveryConfirmation: 'same-fail',
    });
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toThrow(/differs in letter case from the table name/);
    expect(await ctx.journal.getRun('inc-f')).toBeUndefined();

    // A table with the temporary name that is no restore: refused after the lock, recorded, the lock released.
    await createSampleTable(client, `${table}-dr-inc-g`, 3);
    const failed = runAsl(settings, ctx, {
      incidentId: 'inc-g',
      pitrBackupTime: t,
      tableNameRecoveryConfirmation: table,
    });
    await expect(failed).rejects.toThrow(/is not a restore of/);
    const run = (await ctx.journal.getRun('inc-g')) as RestoreRun | undefined;
    expect(run?.result).toBe('failed');
    expect(run?.tables[table]?.error?.message).toMatch(/is not a restore of/);
    expect(await ctx.journal.readLock(table)).toBeUndefined();
    expect(errorFromStepFailure({ Error: 'VerificationError', Cause: 'x differs' })).toBeInstanceOf(VerificationError);
  });
});
