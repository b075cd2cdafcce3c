import { restoreTimeoutSeconds } from '../restore/restoreWorkflow.js';
import type { Workflow } from '../workflow/steps.js';
import type { TableRevertPlan } from './revertPlan.js';

/**
 * A table's revert, as steps (in-process only for now): take the lock and record the attempt; the forensic
 * backup and the incremental exports of the window (and of the kept periods after it) in parallel, both
 * polled with backoff up to the deadline; write each changed key's image at the time; read every reverted
 * key back; record the run. Nothing is written before the forensic backup is AVAILABLE. No temporary table.
 *
 * @example
 * revertWorkflow(plan).steps.map((s) => s.name);
 * // ['BackupAndExportInParallel', 'RevertChangedItems', 'VerifyRevertedItems']
 */
export function revertWorkflow(plan: TableRevertPlan): Workflow {
  const deadlineSeconds = plan.restoreDeadlineMinutes * 60;
  return {
    comment: `Reverts the writes to ${plan.tableName} since a point in time (dynamo-dr)`,
    timeoutSeconds: restoreTimeoutSeconds(plan),
    begin: { kind: 'task', name: 'AcquireRecoveryLock', handler: 'beginRestoreRun', withExecutionId: true },
    steps: [
      {
        kind: 'parallel',
        name: 'BackupAndExportInParallel',
        comment: 'Nothing is written to the table before the forensic backup is AVAILABLE.',
        branches: [
          [
            { kind: 'task', name: 'StartForensicBackup', handler: 'startForensicBackup' },
            { kind: 'poll', name: 'AwaitForensicBackup', handler: 'awaitForensicBackup', deadlineSeconds },
          ],
          [
            { kind: 'task', name: 'StartRevertExports', handler: 'startRevertExports' },
            { kind: 'poll', name: 'AwaitRevertExports', handler: 'awaitRevertExports', deadlineSeconds },
          ],
        ],
      },
      { kind: 'task', name: 'RevertChangedItems', handler: 'revertChangedItems' },
      { kind: 'task', name: 'VerifyRevertedItems', handler: 'verifyRevertedItems' },
    ],
    succeed: { kind: 'task', name: 'RecordRestoreSuccess', handler: 'recordRestoreSuccess' },
    fail: { kind: 'task', name: 'RecordRestoreFailure', handler: 'recordRestoreFailure' },
  };
}
