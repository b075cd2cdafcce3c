import { assertIncidentMatches, beginTableRun, endTableRun, readTableRun } from '../runs/tableRun.js';
import { awaitTemporaryTable, deleteTemporaryTable, startTemporaryTable } from '../tableRestore/temporaryTable.js';
import { errorFromStepFailure } from '../workflow/stepFailure.js';
import type { StepEvent, StepFailure, StepHandlers } from '../workflow/steps.js';
import { awaitForensicBackup, startForensicBackup } from './forensicBackup.js';
import { planTableRestore } from './planTableRestore.js';
import { exactInputOf, restoreInputSchema, type RestoreInput } from './restoreInput.js';
import type { TableRestorePlan, TableRestoreSettings } from './restorePlan.js';
import { isVerified, newRestoreTableRun, restoreRunKey, temporaryTableOf, type RestoreRun } from './restoreRun.js';
import type { RestoreStepContext } from './restoreStepContext.js';
import { prepareSync, syncTableSegment } from './syncSegments.js';
import { startVerification, verifyTableData, verifyTableSegment } from './verifySegments.js';

const exactInput = exactInputOf<RestoreInput>(restoreInputSchema);

/** What the restore state machine outputs when it succeeds. */
export interface RestoreWorkflowOutput {
  readonly incidentId: string;
  readonly tableName: string;
  readonly result: 'succeeded';
}

const planOf = (event: StepEvent) => event.plan as TableRestorePlan;

/**
 * The functions the restore workflow's steps call, by handler name (the `handler` of each step of
 * `restoreWorkflow` and `syncWorkflow`): the Lambda entry point dispatches to them, the in-process executor
 * calls them. Each is thin and idempotent, so a resumed or retried step is safe.
 *
 * @example
 * await restoreHandlers.startForensicBackup(context, { handler: 'startForensicBackup', plan, deadline, requestedTime });
 */
export const restoreHandlers = {
  /** AWS only: the raw execution input into the workflow's state (the plan; DescribeTable and DescribeContinuousBackups). */
  async validateRestoreInput(ctx, event) {
    const settings = event.settings as TableRestoreSettings;
    const input = exactInput(event.input);
    const plan = await planTableRestore(ctx.dynamodb, input, settings);
    await assertIncidentMatches(ctx.journal, plan);
    return {
      plan,
      deadline: restoreDeadline(settings),
      requestedTime: input.pitrBackupTime,
      segments: Array.from({ length: plan.segments }, (_, i) => i),
    };
  },
  async beginRestoreRun(ctx, event) {
    const plan = planOf(event);
    await beginTableRun<RestoreRun>(ctx, restoreRunKey(plan), newRestoreTableRun(plan), {
      executionId: event.executionId!,
      requestedTime: event.requestedTime,
      restoreTime: plan.restoreTime,
    });
    return null;
  },
  async startForensicBackup(ctx, event) {
    await startForensicBackup(ctx, planOf(event));
    return null;
  },
  async awaitForensicBackup(ctx, event) {
    await awaitForensicBackup(ctx, planOf(event), event.deadline);
    return null;
  },
  /** Starts nothing once the destination is verified: the temporary table may already be cleaned up. */
  async startPointInTimeRestore(ctx, event) {
    const plan = planOf(event);
    const key = restoreRunKey(plan);
    if (isVerified(await readTableRun<RestoreRun>(ctx.journal, key))) return null;
    await startTemporaryTable(ctx, key, temporaryTableOf(plan));
    return null;
  },
  async awaitRestoredTable(ctx, event) {
    const plan = planOf(event);
    const key = restoreRunKey(plan);
    if (isVerified(await readTableRun<RestoreRun>(ctx.journal, key))) return null;
    await awaitTemporaryTable(ctx, key, temporaryTableOf(plan), event.deadline);
    return null;
  },
  async prepareSync(ctx, event) {
    await prepareSync(ctx, planOf(event));
    return null;
  },
  syncTableSegment: (ctx, event) => syncTableSegment(ctx, planOf(event), event.operation!, event.segment!, event.pace),
  async startVerification(ctx, event) {
    await startVerification(ctx, planOf(event));
    return null;
  },
  verifyTableSegment: (ctx, event) => verifyTableSegment(ctx, planOf(event), event.segment!),
  async verifyTableData(ctx, event) {
    await verifyTableData(ctx, planOf(event));
    return null;
  },
  /** The forensic backup is always kept: it is how the recovery is undone. */
  async cleanUpRestoredTable(ctx, event) {
    const plan = planOf(event);
    await deleteTemporaryTable(ctx, restoreRunKey(plan), temporaryTableOf(plan));
    return null;
  },
  async recordRestoreSuccess(ctx, event): Promise<RestoreWorkflowOutput> {
    const plan = planOf(event);
    await endTableRun(ctx, restoreRunKey(plan));
    return { incidentId: plan.incidentId, tableName: plan.tableName, result: 'succeeded' };
  },
  async recordRestoreFailure(ctx, event) {
    const error = errorFromStepFailure(event.error as StepFailure);
    await endTableRun(ctx, restoreRunKey(planOf(event)), { name: error.name, message: error.message });
    return null;
  },
} satisfies StepHandlers<RestoreStepContext>;

/** The names of the restore workflow's handlers. */
export type RestoreHandlerName = keyof typeof restoreHandlers;

/** When the backup and restore polls of an attempt that starts now give up. */
export function restoreDeadline(settings: Pick<TableRestoreSettings, 'restoreDeadlineMinutes'>): string {
  return new Date(Date.now() + settings.restoreDeadlineMinutes * 60_000).toISOString();
}
