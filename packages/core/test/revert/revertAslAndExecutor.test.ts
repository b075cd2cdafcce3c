import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileCheckpointStore } from '../../src/checkpoint/fileCheckpointStore.js';
import { InputError } from '../../src/errors.js';
import { FileRunJournal } from '../../src/journal/fileRunJournal.js';
import { defaultRestoreSettings, type TableRestoreSettings } from '../../src/restore/restorePlan.js';
import type { RestoreRun } from '../../src/restore/restoreRun.js';
import { planRevert } from '../../src/revert/planRevert.js';
import { revertHandlers } from '../../src/revert/revertHandlers.js';
import type { RevertSettings } from '../../src/revert/revertPlan.js';
import { revertStateMachineDefinition } from '../../src/revert/revertStateMachineDefinition.js';
import type { RevertStepContext } from '../../src/revert/revertStepContext.js';
import { revertWorkflow } from '../../src/revert/revertWorkflow.js';
import { runRevert } from '../../src/revert/runRevert.js';
import { digestTable } from '../../src/sync/digestTable.js';
import { localWorkflowResources } from '../../src/workflow/workflowResources.js';
import { createSampleTable, simulateIncident, tableContents, timeBetweenWrites } from '../restore/restoreFixtures.js';
import { runAslDefinition, stepsTaken } from '../workflow/runAsl.js';

const ITEMS = 30;
const MIN_PERIOD_MS = 150;
const REVERT: RevertSettings = { exportBucket: 'revert-asl-exports', minExportPeriodMs: MIN_PERIOD_MS };
let sandbox: Sandbox;
let client: DynamoDBClient;
let s3: S3Client;

beforeAll(async () => {
  sandbox = await startSandbox({
    exportMs: 50,
    backupCreateMs: 30,
    minIncrementalExportPeriodMs: MIN_PERIOD_MS,
  });
  Object.assign(process.env, sandbox.env);
  client = new DynamoDBClient(sandbox.clientConfig);
  s3 = new S3Client(sandbox.clientConfig);
  await s3.send(new CreateBucketCommand({ Bucket: REVERT.exportBucket }));
});
afterAll(async () => {
  client.destroy();
  s3.destroy();
  await sandbox.stop();
});

const settingsOf = (tableName: string): TableRestoreSettings => ({
  ...defaultRestoreSettings,
  tableName,
  logicalName: tableName.replace(/[^A-Za-z0-9]/g, ''),
  segments: 3,
});

async function stepContext(): Promise<RevertStepContext> {
  const journal = new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drrevertasl-')));
  return {
    dynamodb: client,
    aws: { endpoint: sandbox.endpoint, region: sandbox.region },
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    engineClient: new DynamoDBClient({ ...sandbox.clientConfig, maxAttempts: 1 }),
    startedBy: 'test@host',
    s3,
    // As on Lambda: a segment call works at most this long, then returns unfinished.
    segmentBudgetMs: 60_000,
  };
}

const runRevertAsl = (settings: TableRestoreSettings, ctx: RevertStepContext, input: unknown, trace: string[]) =>
  runAslDefinition(
    revertStateMachineDefinition(settings, REVERT, localWorkflowResources(settings)),
    revertHandlers,
    ctx,
    input,
    trace,
  );

/** The steps a trace took (see {@link stepsTaken}), around the revert's parallel step. */
const revertStepsTaken = (trace: readonly string[], settings: TableRestoreSettings) =>
  stepsTaken(
    trace,
    revertWorkflow(settings, REVERT).steps.find((s) => s.kind === 'parallel')!,
  );

/** What both executors must leave the same: the run's result, counts, verification, phases and segments. */
function recordedOutcome(run: RestoreRun | undefined, tableName: string) {
  const table = run?.tables[tableName];
  return {
    result: run?.result,
    counts: table?.counts,
    verification: table?.verification && { equal: table.verification.equal, count: table.verification.count },
    phases: Object.keys(table?.phases ?? {}).sort(),
    ended: Object.values(table?.phases ?? {}).every((p) => p.endedAt !== undefined),
    segmentsDone: [...(table?.segmentsDone ?? [])].sort(),
    exports: table?.exports?.map((e) => e.part),
    attempts: run?.attempts.length,
  };
}

describe('the revert: the in-process executor and the generated ASL', () => {
  it('take the same steps to the same end state (the table at T, the run record)', async () => {
    const tables = { executor: 'Revert-same-exec', asl: 'Revert-same-asl' };
    for (const table of Object.values(tables)) await createSampleTable(client, table, ITEMS);
    const t = await timeBetweenWrites();
    const atT = await tableContents(client, tables.executor);
    for (const table of Object.values(tables)) await simulateIncident(client, table, ITEMS);
    await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS));
    const incidentId = 'inc-revert-same';

    const executorCtx = await stepContext();
    const executorTrace: string[] = [];
    const plan = await planRevert(client, executorCtx.aws, executorCtx.journal, {
      incidentId,
      pitrBackupTime: t,
      tables: [settingsOf(tables.executor)],
      confirmations: [tables.executor],
      ...REVERT,
    });
    await runRevert(executorCtx, plan, { pollIntervalMs: 20, onStep: (_, step) => executorTrace.push(step) });

    const aslCtx = await stepContext();
    const aslTrace: string[] = [];
    await runRevertAsl(
      settingsOf(tables.asl),
      aslCtx,
      { incidentId, pitrBackupTime: t, tableNameRecoveryConfirmation: tables.asl },
      aslTrace,
    );

    // The state machine validates its raw input first (anyone may start it); in-process planning made the plan.
    expect(aslTrace[0]).toBe('ValidateRevertInput');
    expect(revertStepsTaken(aslTrace.slice(1), settingsOf(tables.asl))).toEqual(
      revertStepsTaken(executorTrace, settingsOf(tables.executor)),
    );
    // The writes fan out: one call per segment in both.
    expect(aslTrace.filter((name) => name === 'RevertChangedSegment')).toHaveLength(3);
    expect(executorTrace.filter((name) => name === 'RevertChangedSegment')).toHaveLength(3);

    expect(await tableContents(client, tables.executor)).toEqual(atT);
    expect(await tableContents(client, tables.asl)).toEqual(atT);
    const [executorDigest, aslDigest] = await Promise.all(
      Object.values(tables).map((tableName) => digestTable({ client, tableName })),
    );
    expect(aslDigest).toEqual(executorDigest);
    const executorRun = (await executorCtx.journal.getRun(incidentId)) as RestoreRun | undefined;
    const aslRun = (await aslCtx.journal.getRun(incidentId)) as RestoreRun | undefined;
    expect(recordedOutcome(aslRun, tables.asl)).toEqual(recordedOutcome(executorRun, tables.executor));
    expect(recordedOutcome(aslRun, tables.asl)).toMatchObject({
      result: 'succeeded',
      ended: true,
      attempts: 1,
      segmentsDone: ['revert:0', 'revert:1', 'revert:2'],
      // 5 deleted and 5 updated put back, 5 new ones deleted.
      counts: { revert: { written: 10, deleted: 5 } },
    });
  });

  it('refuses a bad input with the same error as planning, before any export or record', async () => {
    const table = 'Revert-asl-bad';
    await createSampleTable(client, table, 5);
    const t = await timeBetweenWrites();
    await new Promise((resolve) => setTimeout(resolve, MIN_PERIOD_MS));
    const ctx = await stepContext();
    const input = { incidentId: 'inc-bad', pitrBackupTime: t, tableNameRecoveryConfirmation: table };
    const refused = (over: Record<string, unknown>) => runRevertAsl(settingsOf(table), ctx, { ...input, ...over }, []);

    await expect(refused({ onConflict: 'merge' })).rejects.toBeInstanceOf(InputError);
    await expect(refused({ onConflict: 'merge' })).rejects.toThrow(/onConflict/);
    await expect(refused({ untilTime: '2001-01-01T00:00:00Z' })).rejects.toThrow(/is not between the time/);
    await expect(refused({ exportBucket: 'other' })).rejects.toThrow(/is not a field of the input/);
    expect(await ctx.journal.getRun('inc-bad')).toBeUndefined();
  });
});
