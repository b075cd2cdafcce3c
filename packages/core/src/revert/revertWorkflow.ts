import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { restoreTimeoutSeconds } from '../restore/restoreWorkflow.js';
import type { Workflow } from '../workflow/steps.js';
import type { RevertSettings } from './revertPlan.js';

/**
 * A table's revert, as steps (the `DRRevertDynamoDbTable{Table}StateMachine` on AWS): on AWS validate the raw
 * input first; take the lock and record the attempt; the forensic backup and the incremental exports of the
 * window (and of the kept periods after it) in parallel, both polled with backoff up to the deadline; the gate
 * (nothing is written before the forensic backup is AVAILABLE); write each changed key's image at the time,
 * fanned out over the segments (keys spread by a hash); read every reverted key back, over the same segments, and
 * add their read-backs up; with `verify: 'full'`,
 * compare the whole table with a PITR restore at the time (the only temporary table); record the run.
 *
 * @example
 * revertWorkflow(settings, { exportBucket: 'dr-exports' }).steps.map((s) => s.name);
 * // ['BackupAndExportInParallel', 'PrepareRevert', 'RevertChangedItems', 'VerifyRevertedItems', 'RecordRevertVerification', ...]
 */
export function revertWorkflow(settings: TableRestoreSettings, revert: RevertSettings): Workflow {
  const deadlineSeconds = settings.restoreDeadlineMinutes * 60;
  return {
    comment: `Reverts the writes to ${settings.tableName} since a point in time (dynamo-dr)`,
    timeoutSeconds: restoreTimeoutSeconds(settings),
    validate: {
      kind: 'task',
      name: 'ValidateRevertInput',
      handler: 'validateRevertInput',
      parameters: { settings: { ...settings }, revert: { ...revert } },
    },
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
      { kind: 'task', name: 'PrepareRevert', handler: 'prepareRevert' },
      {
        kind: 'segments',
        name: 'RevertChangedItems',
        task: 'RevertChangedSegment',
        handler: 'revertChangedSegment',
        segments: settings.segments,
        comment: `Writes the changed keys back over ${settings.segments} segments`,
      },
      {
        kind: 'segments',
        name: 'VerifyRevertedItems',
        task: 'VerifyRevertedSegment',
        handler: 'verifyRevertedSegment',
        segments: settings.segments,
        comment: `Reads the reverted keys back over ${settings.segments} segments`,
      },
      { kind: 'task', name: 'RecordRevertVerification', handler: 'recordRevertVerification' },
      // `--verify full` only (the steps do nothing otherwise): the whole table against a PITR restore at the time.
      { kind: 'task', name: 'StartFullVerification', handler: 'startFullVerification' },
      { kind: 'poll', name: 'AwaitFullVerificationTable', handler: 'awaitFullVerificationTable', deadlineSeconds },
      { kind: 'task', name: 'VerifyTableAgainstRestore', handler: 'verifyAgainstRestore' },
    ],
    succeed: { kind: 'task', name: 'RecordRestoreSuccess', handler: 'recordRestoreSuccess' },
    fail: { kind: 'task', name: 'RecordRestoreFailure', handler: 'recordRestoreFailure' },
    failedState: 'RevertFailed',
    rejectedState: 'RevertInputRejected',
  };
}
