import type { Step, Workflow } from '../workflow/steps.js';
import type { TableRestoreSettings } from './restorePlan.js';

/** The longest a table's sync (and its verification) may run: Standard workflows allow a year; a day is plenty. */
export const SYNC_TIMEOUT_SECONDS = 24 * 3600;

/** The parent outlives the child: the backup and restore deadline, the whole sync, and an hour for the rest. */
export function restoreTimeoutSeconds(settings: Pick<TableRestoreSettings, 'restoreDeadlineMinutes'>): number {
  return settings.restoreDeadlineMinutes * 60 + SYNC_TIMEOUT_SECONDS + 3600;
}

/**
 * The sync of a table to its restored copy, as steps (the `{Table}DRSyncTableDataStateMachine` on AWS):
 * the gate (nothing is deleted before the forensic backup is AVAILABLE), then `reset` empties the
 * destination and copies the restored table into it, or `delta` writes only the differences — each fanned
 * out over the scan segments — then both tables are digested per segment and compared.
 *
 * @example
 * syncWorkflow(settings).steps.map((s) => s.name);
 * // ['PrepareSync', 'DeltaSyncTableData', 'StartVerification', 'VerifyTableSegments', 'VerifyTableData']
 */
export function syncWorkflow(settings: TableRestoreSettings): Workflow {
  const overSegments = (name: string, task: string, operation: string, handler = 'syncTableSegment'): Step => ({
    kind: 'segments',
    name,
    task,
    handler,
    segments: settings.segments,
    comment: `${operation} over ${settings.segments} scan segments`,
    ...(handler === 'syncTableSegment' && { parameters: { operation } }),
  });
  const sync: Step[] =
    settings.mode === 'reset'
      ? [
          overSegments('EmptyDestinationTable', 'EmptyDestinationSegment', 'empty'),
          overSegments('CopyRestoredData', 'CopyRestoredSegment', 'copy'),
        ]
      : [overSegments('DeltaSyncTableData', 'DeltaSyncSegment', 'delta')];
  return {
    comment: `Syncs ${settings.tableName} to its restored copy (${settings.mode}; dynamo-dr)`,
    timeoutSeconds: SYNC_TIMEOUT_SECONDS,
    steps: [
      { kind: 'task', name: 'PrepareSync', handler: 'prepareSync' },
      ...sync,
      { kind: 'task', name: 'StartVerification', handler: 'startVerification' },
      overSegments('VerifyTableSegments', 'VerifySegment', 'verify', 'verifyTableSegment'),
      { kind: 'task', name: 'VerifyTableData', handler: 'verifyTableData' },
    ],
  };
}

/**
 * A table's restore in place, as steps (the `DRRestoreDynamoDbTable{Table}StateMachine` on AWS): on AWS
 * validate the raw input first; take the lock and record the attempt; run the forensic backup and the PITR
 * restore in parallel, both polled with backoff up to the deadline; sync (the child workflow); delete the
 * temporary table; record the run. A failure after the lock is recorded and the lock released.
 *
 * @example
 * await runWorkflow({ workflow: restoreWorkflow(settings), handlers: restoreHandlers, context, state, executionId });
 */
export function restoreWorkflow(settings: TableRestoreSettings): Workflow {
  const deadlineSeconds = settings.restoreDeadlineMinutes * 60;
  return {
    comment: `Rolls ${settings.tableName} back in place to a point in time (dynamo-dr)`,
    timeoutSeconds: restoreTimeoutSeconds(settings),
    validate: {
      kind: 'task',
      name: 'ValidateRestoreInput',
      handler: 'validateRestoreInput',
      parameters: { settings: { ...settings } },
    },
    begin: { kind: 'task', name: 'AcquireRecoveryLock', handler: 'beginRestoreRun', withExecutionId: true },
    steps: [
      {
        kind: 'parallel',
        name: 'BackupAndRestoreInParallel',
        comment: 'Nothing is deleted from the destination before the forensic backup is AVAILABLE.',
        branches: [
          [
            { kind: 'task', name: 'StartForensicBackup', handler: 'startForensicBackup' },
            { kind: 'poll', name: 'AwaitForensicBackup', handler: 'awaitForensicBackup', deadlineSeconds },
          ],
          [
            { kind: 'task', name: 'StartPointInTimeRestore', handler: 'startPointInTimeRestore' },
            { kind: 'poll', name: 'AwaitRestoredTable', handler: 'awaitRestoredTable', deadlineSeconds },
          ],
        ],
      },
      {
        kind: 'child',
        name: 'SyncTableData',
        workflow: syncWorkflow(settings),
        stateMachine: 'syncStateMachineArn',
        comment: 'Runs the sync state machine and waits for it (.sync:2).',
      },
      { kind: 'task', name: 'CleanUpRestoredTable', handler: 'cleanUpRestoredTable' },
    ],
    succeed: { kind: 'task', name: 'RecordRestoreSuccess', handler: 'recordRestoreSuccess' },
    fail: { kind: 'task', name: 'RecordRestoreFailure', handler: 'recordRestoreFailure' },
    failedState: 'RestoreFailed',
    rejectedState: 'RestoreInputRejected',
  };
}
