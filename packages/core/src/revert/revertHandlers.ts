import { restoreHandlers } from '../restore/restoreHandlers.js';
import type { StepEvent, StepHandlers } from '../workflow/steps.js';
import { awaitRevertExports, startRevertExports } from './revertExports.js';
import { revertChangedItems, verifyRevertedItems } from './revertItems.js';
import type { TableRevertPlan } from './revertPlan.js';
import type { RevertStepContext } from './revertStepContext.js';

const planOf = (event: StepEvent) => event.plan as TableRevertPlan;

/**
 * The functions the revert workflow's steps call, by handler name: the lock, the forensic backup and the
 * run's record are the restore's own; the exports, the writes and their verification are the revert's.
 * Each is idempotent, so a resumed run is safe.
 */
export const revertHandlers = {
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
  async revertChangedItems(ctx, event) {
    await revertChangedItems(ctx, planOf(event));
    return null;
  },
  async verifyRevertedItems(ctx, event) {
    await verifyRevertedItems(ctx, planOf(event));
    return null;
  },
  recordRestoreSuccess: restoreHandlers.recordRestoreSuccess,
  recordRestoreFailure: restoreHandlers.recordRestoreFailure,
} satisfies StepHandlers<RevertStepContext>;
