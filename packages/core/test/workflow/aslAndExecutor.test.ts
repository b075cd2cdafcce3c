import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from '../../src/checkpoint/fileCheckpointStore.js';
import { InputError, VerificationError } from '../../src/errors.js';
import { FileRunJournal } from '../../src/journal/fileRunJournal.js';
import { planRestore } from '../../src/restore/planRestore.js';
import { defaultRestoreSettings, type TableRestoreSettings } from '../../src/restore/restorePlan.js';
import type { RestoreRun } from '../../src/restore/restoreRun.js';
import type { RestoreStepContext } from '../../src/restore/restoreStepContext.js';
import { restoreWorkflow } from '../../src/restore/restoreWorkflow.js';
import { runRestore } from '../../src/restore/runRestore.js';
import { digestTable } from '../../src/sync/digestTable.js';
import { errorFromStepFailure } from '../../src/workflow/stepFailure.js';
import { createSampleTable, simulateIncident, tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';
import { installPromiseWithResolvers } from './promiseWithResolvers.js';
import { runAsl, stepsTaken } from './runAsl.js';

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

/** The steps a trace took (see {@link stepsTaken}), around the restore's parallel step. */
const restoreStepsTaken = (trace: readonly string[], settings: TableRestoreSettings) =>
  stepsTaken(
    trace,
    restoreWorkflow(settings).steps.find((s) => s.kind === 'parallel')!,
  );

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
      expect(restoreStepsTaken(aslTrace.slice(1), aslSettings)).toEqual(
        restoreStepsTaken(executorTrace, settingsOf(tables.executor, mode)),
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
