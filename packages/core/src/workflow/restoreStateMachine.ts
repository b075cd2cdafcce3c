import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { handlerTask, pollRetry, type AslDefinition, type AslState } from './aslStates.js';
import { SYNC_TIMEOUT_SECONDS } from './syncStateMachine.js';
import type { WorkflowResources } from './workflowResources.js';

/** The parent outlives the child: phase 1's deadline, the whole sync, and an hour for cleanup and records. */
export function restoreTimeoutSeconds(settings: Pick<TableRestoreSettings, 'restoreDeadlineMinutes'>): number {
  return settings.restoreDeadlineMinutes * 60 + SYNC_TIMEOUT_SECONDS + 3600;
}

/**
 * The table's restore state machine (`DRRestoreDynamoDbTable{Table}StateMachine`):
 * validate the input, take the lock, run the forensic backup and the PITR
 * restore in parallel (both polled with backoff), start the sync state
 * machine, clean up and record the run. Its input is exactly
 * `{ incidentId, pitrBackupTime, tableNameRecoveryConfirmation }`; the
 * settings are baked in. Errors after the lock are recorded and the lock
 * released before the execution fails.
 *
 * @example
 * const definition = restoreStateMachineDefinition(settings, resources);
 * // deploy with CreateStateMachine, or run it locally with runRestoreWorkflow
 */
export function restoreStateMachineDefinition(
  settings: TableRestoreSettings,
  resources: WorkflowResources,
): AslDefinition {
  const fn = resources.handlerFunctionArn;
  const plan = { 'plan.$': '$.run.plan' };
  const deadline = settings.restoreDeadlineMinutes * 60;
  const onFailure = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RecordRestoreFailure' }];
  const awaitFields: AslState = { ResultPath: null, TimeoutSeconds: 300, Retry: [pollRetry(deadline)], End: true };
  return {
    Comment: `Rolls ${settings.tableName} back in place to a point in time (dynamo-dr)`,
    StartAt: 'ValidateRestoreInput',
    TimeoutSeconds: restoreTimeoutSeconds(settings),
    States: {
      ValidateRestoreInput: handlerTask(
        fn,
        'validateRestoreInput',
        { 'input.$': '$', settings: { ...settings } },
        {
          ResultPath: '$.run',
          Next: 'AcquireRecoveryLock',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RestoreInputRejected' }],
        },
      ),
      AcquireRecoveryLock: handlerTask(
        fn,
        'beginRestoreRun',
        { ...plan, 'executionId.$': '$$.Execution.Id', 'requestedTime.$': '$.pitrBackupTime' },
        {
          ResultPath: null,
          Next: 'BackupAndRestoreInParallel',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'RestoreInputRejected' }],
        },
      ),
      BackupAndRestoreInParallel: {
        Type: 'Parallel',
        Comment: 'Nothing is deleted from the destination before the forensic backup is AVAILABLE.',
        ResultPath: null,
        Next: 'SyncTableData',
        Catch: onFailure,
        Branches: [
          {
            StartAt: 'StartForensicBackup',
            States: {
              StartForensicBackup: handlerTask(fn, 'startForensicBackup', plan, {
                ResultPath: '$.backup',
                Next: 'AwaitForensicBackup',
              }),
              AwaitForensicBackup: handlerTask(
                fn,
                'awaitForensicBackup',
                { ...plan, 'backupArn.$': '$.backup.backupArn', 'deadline.$': '$.run.deadline' },
                awaitFields,
              ),
            },
          },
          {
            StartAt: 'StartPointInTimeRestore',
            States: {
              StartPointInTimeRestore: handlerTask(fn, 'startPointInTimeRestore', plan, {
                ResultPath: null,
                Next: 'AwaitRestoredTable',
              }),
              AwaitRestoredTable: handlerTask(
                fn,
                'awaitRestoredTable',
                { ...plan, 'deadline.$': '$.run.deadline' },
                awaitFields,
              ),
            },
          },
        ],
      },
      SyncTableData: {
        Type: 'Task',
        Comment: 'Runs the child state machine and waits for it (.sync:2 returns its output as JSON).',
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: {
          StateMachineArn: resources.syncStateMachineArn,
          Input: { 'plan.$': '$.run.plan', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
        },
        TimeoutSeconds: SYNC_TIMEOUT_SECONDS + 300,
        ResultSelector: { 'verification.$': '$.Output.verification' },
        ResultPath: '$.sync',
        Next: 'CleanUpRestoredTable',
        Catch: onFailure,
      },
      CleanUpRestoredTable: handlerTask(fn, 'cleanUpRestoredTable', plan, {
        ResultPath: '$.cleanup',
        Next: 'RecordRestoreSuccess',
        Catch: onFailure,
      }),
      RecordRestoreSuccess: handlerTask(fn, 'recordRestoreSuccess', plan, { End: true }),
      RecordRestoreFailure: handlerTask(
        fn,
        'recordRestoreFailure',
        { ...plan, 'error.$': '$.error' },
        {
          ResultPath: null,
          Next: 'RestoreFailed',
        },
      ),
      RestoreFailed: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
      RestoreInputRejected: { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' },
    },
  };
}
