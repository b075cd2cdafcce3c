import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeadlineExceededError,
  defaultRestoreSettings,
  FileRunJournal,
  InputError,
  NotReadyError,
  type RestoreRun,
  type TableRestorePlan,
} from '../../src/index.js';
import { workflowLambdaHandler } from '../../src/lambda/workflowLambdaHandler.js';
import { planTableRestore } from '../../src/restore/planTableRestore.js';
import { settingsOf } from '../../src/restore/restorePlan.js';
import type { RestoreStepContext } from '../../src/restore/restoreStepContext.js';
import type { StepEvent } from '../../src/workflow/steps.js';
import { MemoryCheckpointStore } from '../../src/checkpoint/memoryCheckpointStore.js';
import { awaitForensicBackup, startForensicBackup } from '../../src/restore/forensicBackup.js';
import { newRestoreTableRun, restoreRunKey } from '../../src/restore/restoreRun.js';
import { beginTableRun, readTableRun } from '../../src/runs/tableRun.js';
import { awsResources, createSampleTable, timeBetweenWrites } from './restoreFixtures.js';

let sandbox: Sandbox;
let ctx: RestoreStepContext;
let plan: TableRestorePlan;

beforeAll(async () => {
  // Backups stay CREATING long enough to be polled.
  sandbox = await startSandbox({ backupCreateMs: 1500 });
  Object.assign(process.env, sandbox.env);
  const dynamodb = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
  ctx = {
    dynamodb,
    aws: {},
    journal: new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drphase1-'))),
    checkpoints: new MemoryCheckpointStore(),
    engineClient: dynamodb,
    startedBy: 'test',
  };
  await createSampleTable(dynamodb, 'Accounts', 10);
  const t = await timeBetweenWrites();
  plan = await planTableRestore(
    dynamodb,
    { incidentId: 'inc-1', pitrBackupTime: t, tableNameRecoveryConfirmation: 'Accounts' },
    { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' },
  );
  await beginTableRun<RestoreRun>(ctx, restoreRunKey(plan), newRestoreTableRun(plan), {
    executionId: 'e1',
    requestedTime: t,
    restoreTime: plan.restoreTime,
  });
});
afterAll(() => sandbox.stop());

describe('phase 1: the forensic backup', () => {
  it('is polled (NotReadyError) until AVAILABLE, gives up at the deadline, and a re-run reuses the same backup', async () => {
    const backupArn = async () => (await readTableRun<RestoreRun>(ctx.journal, restoreRunKey(plan)))?.forensicBackupArn;
    await startForensicBackup(ctx, plan);
    const first = await backupArn();
    expect(first).toMatch(/:table\/Accounts\/backup\//);
    const future = new Date(Date.now() + 60_000).toISOString();
    await expect(awaitForensicBackup(ctx, plan, future)).rejects.toBeInstanceOf(NotReadyError);
    const past = new Date(Date.now() - 1).toISOString();
    await expect(awaitForensicBackup(ctx, plan, past)).rejects.toBeInstanceOf(DeadlineExceededError);
    await startForensicBackup(ctx, plan);
    expect(await backupArn()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await awaitForensicBackup(ctx, plan, future);
    const table = await readTableRun<RestoreRun>(ctx.journal, restoreRunKey(plan));
    expect(table?.phases.backup?.endedAt).toBeDefined();
  });
});

describe('the Lambda entry point', () => {
  it("needs its journal table, then validates the recovery workflow's input contract exactly", async () => {
    delete process.env.DYNAMO_DR_JOURNAL_TABLE;
    const event = (fields: Record<string, unknown>) => fields as unknown as StepEvent;
    await expect(workflowLambdaHandler(event({ handler: 'validateRestoreInput' }))).rejects.toThrow(
      /DYNAMO_DR_JOURNAL_TABLE is not set/,
    );
    process.env.DYNAMO_DR_JOURNAL_TABLE = 'dynamo-dr-journal';
    const settings = { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' };
    const input = { incidentId: 'inc-2', pitrBackupTime: plan.restoreTime, tableNameRecoveryConfirmation: 'Accounts' };
    await expect(
      workflowLambdaHandler(event({ handler: 'validateRestoreInput', input: { ...input, mode: 'reset' }, settings })),
    ).rejects.toThrow(
      /mode "reset" is not a field of the input\. Pass exactly incidentId, pitrBackupTime, tableNameRecoveryConfirmation/,
    );
    await expect(
      workflowLambdaHandler(event({ handler: 'validateRestoreInput', input: { ...input, incidentId: 7 }, settings })),
    ).rejects.toThrow(/incidentId 7 must be string/);
    await expect(
      workflowLambdaHandler(
        event({
          handler: 'validateRestoreInput',
          input: { ...input, tableNameRecoveryConfirmation: 'accounts' },
          settings,
        }),
      ),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('refuses an event whose fields are not as a Task state sends them, before its step runs', async () => {
    process.env.DYNAMO_DR_JOURNAL_TABLE = 'dynamo-dr-journal';
    const event = (fields: Record<string, unknown>) => workflowLambdaHandler(fields);
    await expect(event({ handler: 'verifyTableSegment', plan, segment: '3' })).rejects.toThrow(
      /^segment "3" must be integer\. Invoke the function with the event a Task state/,
    );
    await expect(
      event({ handler: 'syncTableSegment', plan, segment: 0, operation: 'copy', pace: { writeUnitsPerSecond: -1 } }),
    ).rejects.toThrow(/^pace\.writeUnitsPerSecond -1 must be > 0/);
    await expect(event({ handler: 'syncTableSegment', plan, segment: 0, operation: 'drop' })).rejects.toThrow(
      /^operation "drop" is not one of empty, copy, delta/,
    );
    await expect(event({ plan })).rejects.toThrow(/^handler is required/);
  });

  it('refuses a Lambda event whose plan or settings has a bad field, naming it, and starts nothing', async () => {
    process.env.DYNAMO_DR_JOURNAL_TABLE = 'dynamo-dr-journal';
    const before = await awsResources(ctx.dynamodb);
    const state = { deadline: new Date(Date.now() + 60_000).toISOString(), requestedTime: plan.restoreTime };
    const step = (fields: Record<string, unknown>) =>
      workflowLambdaHandler({ handler: 'startForensicBackup', ...state, ...fields });
    await expect(step({ plan: { ...plan, segments: '4' } })).rejects.toThrow(
      /^plan\.segments "4" must be integer\. Invoke the function with the event a Task state/,
    );
    await expect(step({ plan: { ...plan, restorableWindow: { earliest: plan.restoreTime } } })).rejects.toThrow(
      /^plan\.restorableWindow\.latest is required/,
    );
    const { forensicBackupName: _, ...withoutName } = plan;
    await expect(step({ plan: withoutName })).rejects.toThrow(/^plan\.forensicBackupName is required/);
    const settings = settingsOf(plan);
    await expect(
      workflowLambdaHandler({ handler: 'validateRestoreInput', input: {}, settings: { ...settings, mode: 'wipe' } }),
    ).rejects.toThrow(/^settings\.mode "wipe" is not one of delta, reset/);
    await expect(
      workflowLambdaHandler({
        handler: 'validateRestoreInput',
        input: {},
        settings: { ...settings, maxWriteUnitsPerSecond: 0 },
      }),
    ).rejects.toThrow(/^settings\.maxWriteUnitsPerSecond 0 must be > 0/);
    // Refused before the step ran: no backup started, no table created.
    expect(await awsResources(ctx.dynamodb)).toEqual(before);
  });
});
