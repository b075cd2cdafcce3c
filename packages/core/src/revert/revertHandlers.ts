import { exactInputOf } from '../restore/restoreInput.js';
import { planTableRestore } from '../restore/planTableRestore.js';
import { restoreDeadline, restoreHandlers } from '../restore/restoreHandlers.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { assertIncidentMatches } from '../runs/tableRun.js';
import type { StepEvent, StepHandlers } from '../workflow/steps.js';
import { assertBucketExists } from '../s3Export/exportTarget.js';
import { assertRevertOptions, planTableRevert } from './planRevert.js';
import { awaitFullVerificationTable, startFullVerification, verifyAgainstRestore } from './fullVerification.js';
import { awaitRevertExports, startRevertExports } from './revertExports.js';
import { revertInputSchema, type RevertInput } from './revertInput.js';
import { prepareRevert, recordRevertVerification, revertChangedSegment, verifyRevertedSegment } from './revertItems.js';
import type { RevertSettings, TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

const planOf = (event: StepEvent) => event.plan as TableRevertPlan;
const exactInput = exactInputOf<RevertInput>(revertInputSchema);

/**
 * The functions the revert workflow's steps call, by handler name: the lock, the forensic backup and the
 * run's record are the restore's own; the validation, the exports, the writes and their verification are the
 * revert's. Each is idempotent, so a resumed run is safe.
 *
 * @example
 * await dispatchStep(revertHandlers, context, { handler: 'prepareRevert', plan, deadline, requestedTime });
 */
export const revertHandlers = {
  /** AWS only: the raw execution input into the workflow's state, checked as `planRevert` checks a request. */
  async validateRevertInput(ctx, event) {
    const settings = event.settings as TableRestoreSettings;
    const { untilTime, onConflict, verify, ...input } = exactInput(event.input);
    const options = {
      ...(event.revert as RevertSettings),
      ...(untilTime !== undefined && { untilTime }),
      ...(onConflict !== undefined && { onConflict }),
      ...(verify !== undefined && { verify }),
    };
    assertRevertOptions(options);
    const restorePlan = await planTableRestore(ctx.dynamodb, input, settings);
    await assertIncidentMatches(ctx.journal, restorePlan);
    const plan = await planTableRevert(ctx.dynamodb, restorePlan, { ...options, pitrBackupTime: input.pitrBackupTime });
    await assertBucketExists(ctx.s3, plan.exportBucket, 'exportBucket');
    return {
      plan,
      deadline: restoreDeadline(settings),
      requestedTime: input.pitrBackupTime,
      segments: Array.from({ length: plan.segments }, (_, i) => i),
    };
  },
  beginRestoreRun: restoreHandlers.beginRestoreRun,
  startForensicBackup: restoreHandlers.startForensicBackup,
  awaitForensicBackup: restoreHandlers.awaitForensicBackup,
  async startRevertExports(ctx, event) {
    await startRevertExports(ctx, planOf(event));
    return null;
  },
  async awaitRevertExports(ctx, event) {
    await awaitRevertExports(ctx, planOf(event), event.deadline);
    return null;
  },
  async prepareRevert(ctx, event) {
    await prepareRevert(ctx, planOf(event));
    return null;
  },
  revertChangedSegment: (ctx, event) => revertChangedSegment(ctx, planOf(event), event.segment!, event.pace),
  verifyRevertedSegment: (ctx, event) => verifyRevertedSegment(ctx, planOf(event), event.segment!),
  async recordRevertVerification(ctx, event) {
    await recordRevertVerification(ctx, planOf(event));
    return null;
  },
  async startFullVerification(ctx, event) {
    await startFullVerification(ctx, planOf(event));
    return null;
  },
  async awaitFullVerificationTable(ctx, event) {
    await awaitFullVerificationTable(ctx, planOf(event), event.deadline);
    return null;
  },
  async verifyAgainstRestore(ctx, event) {
    await verifyAgainstRestore(ctx, planOf(event));
    return null;
  },
  recordRestoreSuccess: restoreHandlers.recordRestoreSuccess,
  recordRestoreFailure: restoreHandlers.recordRestoreFailure,
} satisfies StepHandlers<RevertStepContext>;

/** The names of the revert workflow's handlers. */
export type RevertHandlerName = keyof typeof revertHandlers;
