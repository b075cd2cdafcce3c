import type { DynamoDBClient, SSESpecification } from '@aws-sdk/client-dynamodb';
import { DrError } from '../errors.js';
import { measuredRto, phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { awaitTableActive } from '../tableRestore/awaitTableActive.js';
import { deleteTableIfExists, describeTableIfExists, restoreToPointInTime } from '../aws/dynamoDbCalls.js';
import { planRestore } from '../restore/planRestore.js';
import { runRestore } from '../restore/runRestore.js';
import { untilReady } from '../workflow/untilReady.js';
import type { DrillPlan } from './drillPlan.js';
import { drillRunKey, recordDrill, type DrillRun } from './drillRun.js';
import { readTableRun, runOfKind } from '../runs/tableRun.js';
import { drillSeconds } from './drillSeconds.js';
import { exportAtPointInTime } from './exportAtPointInTime.js';
import { recoverCanaryItems } from './recoverCanaryItems.js';
import type { DrillContext, RunDrillOptions } from './runDrill.js';

/** The table a scenario recovered to T, how long it took in all, and each phase, in seconds. */
export interface Recovery {
  readonly tableName: string;
  readonly seconds: number;
  readonly phases: Readonly<Record<string, number>>;
  /** export: the file holding the table at T, verified in place of a table. */
  readonly exportFile?: string;
  /** What the scenario itself found wrong, one sentence each (items: a selection beyond the canaries). */
  readonly problems?: readonly string[];
}

/**
 * Recovers the table to T as the plan's scenario does it (`canaries`: how many the drill verifies, for items).
 */
export function recover(
  ctx: DrillContext,
  plan: DrillPlan,
  pointInTime: Date,
  deadline: string,
  canaries: number,
  options: RunDrillOptions,
): Promise<Recovery> {
  switch (plan.scenario) {
    case 'in-place':
      return recoverInPlace(ctx, plan, pointInTime, options);
    case 'items':
      return recoverCanaryItems(ctx, plan, pointInTime, canaries, options);
    case 'export':
      return exportAtPointInTime(ctx, plan, pointInTime, options);
    case 'restore-as':
      return recoverToNewTable(ctx, plan, pointInTime, deadline, options);
  }
}

/**
 * restore-as, as the runbook does it: a PITR restore of the table at T into a new table, measured from the request
 * to ACTIVE. Across Regions the restore is requested in the target Region with the source table's ARN.
 */
export async function recoverToNewTable(
  ctx: DrillContext,
  plan: DrillPlan,
  pointInTime: Date,
  deadline: string,
  options: RunDrillOptions,
): Promise<Recovery> {
  await startRestoreAs(ctx, plan, pointInTime);
  await untilReady(() => awaitRestoreAs(ctx, plan, deadline), options.pollIntervalMs);
  return restoredAs(ctx, plan);
}

/** Requests restore-as's PITR restore, once: a call again after the request (a retried step) does nothing. */
export async function startRestoreAs(ctx: DrillContext, plan: DrillPlan, pointInTime: Date): Promise<void> {
  if ((await readTableRun<DrillRun>(ctx.journal, drillRunKey(plan)))?.phases.restore) return;
  await recordDrill(ctx.journal, plan, (t) => phaseStarted(t, 'restore', new Date()));
  const created = await restoreToPointInTime(ctx.target, {
    source: plan.tableName,
    target: plan.restoredTableName,
    time: pointInTime,
    crossRegion:
      plan.targetRegion === plan.region
        ? undefined
        : { sourceTableArn: plan.tableArn, encryption: targetEncryption(plan.sourceEncryption) },
  });
  if (!created) {
    throw new DrError(`The table ${plan.restoredTableName} was created by someone else during the drill.`, {
      hint: 'Drill again (a new drill restores into a new name).',
    });
  }
}

/** Resolves once restore-as's table is ACTIVE (`NotReadyError` before), and records the restore's end. */
export async function awaitRestoreAs(ctx: DrillContext, plan: DrillPlan, deadline: string): Promise<void> {
  await awaitTableActive(ctx.target, plan.restoredTableName, deadline);
  await recordDrill(ctx.journal, plan, (t) => (t.phases.restore?.endedAt ? t : phaseEnded(t, 'restore', new Date())));
}

/** restore-as's recovery as the journal timed it (from the request to ACTIVE). */
export async function restoredAs(ctx: DrillContext, plan: DrillPlan): Promise<Recovery> {
  const run = runOfKind<DrillRun>(await ctx.journal.getRun(plan.drillId), 'drill')!;
  const restore = drillSeconds(measuredRto(run, plan.tableName).restore ?? 0);
  return { tableName: plan.restoredTableName, seconds: restore, phases: { restore } };
}

/**
 * in-place, as the runbook does it: the staging table itself rolled back to T by the restore workflow (forensic
 * backup and PITR restore, sync, the workflow's verification, cleanup), run in-process. Its phases are the
 * workflow's, from its own run in the journal (the forensic backup and the restore run side by side).
 */
export async function recoverInPlace(
  ctx: DrillContext,
  plan: DrillPlan,
  pointInTime: Date,
  options: RunDrillOptions,
): Promise<Recovery> {
  const { incidentId, settings } = plan.inPlace!;
  const restorePlan = await planRestore(ctx.source, ctx.journal, {
    incidentId,
    pitrBackupTime: pointInTime.toISOString(),
    tables: [settings],
    confirmations: [plan.tableName],
  });
  const run = await runRestore(
    {
      dynamodb: ctx.source,
      aws: ctx.aws,
      journal: ctx.journal,
      startedBy: ctx.startedBy,
      checkpoints: ctx.checkpoints,
    },
    restorePlan,
    { pollIntervalMs: options.pollIntervalMs },
  );
  const rto = measuredRto(run, plan.tableName);
  const phases = Object.fromEntries(
    (['backup', 'restore', 'sync', 'verify'] as const).flatMap((p) =>
      rto[p] === undefined ? [] : [[p, drillSeconds(rto[p])]],
    ),
  );
  return { tableName: plan.tableName, seconds: drillSeconds(rto.total ?? 0), phases };
}

/**
 * The restored table's encryption across Regions: a source under a KMS key gets the target Region's AWS managed key
 * (a key of the source's Region cannot be used there); one under an AWS owned key keeps an AWS owned key.
 */
function targetEncryption(source: DrillPlan['sourceEncryption']): SSESpecification {
  return source === 'KMS' ? { Enabled: true, SSEType: 'KMS' } : { Enabled: false };
}

/**
 * Deletes the drill's restored table, waiting first (at most `creatingWaitMs`) for a restore still CREATING: it
 * cannot be deleted then. A table still CREATING after the wait is left, with an error saying so.
 */
export async function removeRestoredTable(
  client: DynamoDBClient,
  tableName: string,
  restored: boolean,
  creatingWaitMs: number,
): Promise<void> {
  const table = await describeTableIfExists(client, tableName);
  if (!table) return;
  if (!restored && table.TableStatus === 'CREATING') {
    await untilReady(() => awaitTableActive(client, tableName, new Date(Date.now() + creatingWaitMs).toISOString()));
  }
  await deleteTableIfExists(client, tableName);
}
