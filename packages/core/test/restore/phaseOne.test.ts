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
  planTableRestore,
  workflowLambdaHandler,
  type RestoreContext,
  type TableRestorePlan,
} from '../../src/index.js';
import { awaitForensicBackup, startForensicBackup } from '../../src/restore/forensicBackup.js';
import { beginTableRun } from '../../src/restore/tableRun.js';
import { createSampleTable, timeBetweenWrites } from './restoreFixtures.js';

let sandbox: Sandbox;
let ctx: RestoreContext;
let plan: TableRestorePlan;

beforeAll(async () => {
  // Backups stay CREATING long enough to be polled.
  sandbox = await startSandbox({ backupCreateMs: 1500 });
  Object.assign(process.env, sandbox.env);
  const dynamodb = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
  ctx = { dynamodb, aws: {}, journal: new FileRunJournal(await mkdtemp(path.join(tmpdir(), 'drphase1-'))) };
  await createSampleTable(dynamodb, 'Accounts', 10);
  const t = await timeBetweenWrites();
  plan = await planTableRestore(
    dynamodb,
    { incidentId: 'inc-1', pitrBackupTime: t, tableNameRecoveryConfirmation: 'Accounts' },
    { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' },
  );
  await beginTableRun(ctx, plan, { executionId: 'e1', startedBy: 'test', requestedTime: t });
});
afterAll(() => sandbox.stop());

describe('phase 1: the forensic backup', () => {
  it('is polled (NotReadyError) until AVAILABLE, gives up at the deadline, and a re-run reuses the same backup', async () => {
    const { backupArn } = await startForensicBackup(ctx, plan);
    const future = new Date(Date.now() + 60_000).toISOString();
    await expect(awaitForensicBackup(ctx, plan, backupArn, future)).rejects.toBeInstanceOf(NotReadyError);
    const past = new Date(Date.now() - 1).toISOString();
    await expect(awaitForensicBackup(ctx, plan, backupArn, past)).rejects.toBeInstanceOf(DeadlineExceededError);
    expect((await startForensicBackup(ctx, plan)).backupArn).toBe(backupArn);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await awaitForensicBackup(ctx, plan, backupArn, future);
    const run = await ctx.journal.getRun('inc-1');
    expect(run?.tables.Accounts?.phases.backup?.endedAt).toBeDefined();
    expect(run?.tables.Accounts?.forensicBackupArn).toBe(backupArn);
  });
});

describe('the Lambda entry point', () => {
  it("needs its journal table, then validates seed 002's input exactly", async () => {
    delete process.env.DYNAMO_DR_JOURNAL_TABLE;
    await expect(workflowLambdaHandler({ handler: 'validateRestoreInput' })).rejects.toThrow(
      /DYNAMO_DR_JOURNAL_TABLE is not set/,
    );
    process.env.DYNAMO_DR_JOURNAL_TABLE = 'dynamo-dr-journal';
    const settings = { ...defaultRestoreSettings, tableName: 'Accounts', logicalName: 'Accounts' };
    const input = { incidentId: 'inc-2', pitrBackupTime: plan.restoreTime, tableNameRecoveryConfirmation: 'Accounts' };
    await expect(
      workflowLambdaHandler({ handler: 'validateRestoreInput', input: { ...input, mode: 'reset' }, settings }),
    ).rejects.toThrow(
      /input \["mode"\] are not input fields\. Pass exactly incidentId, pitrBackupTime, tableNameRecoveryConfirmation/,
    );
    await expect(
      workflowLambdaHandler({
        handler: 'validateRestoreInput',
        input: { ...input, tableNameRecoveryConfirmation: 'accounts' },
        settings,
      }),
    ).rejects.toBeInstanceOf(InputError);
  });
});
