import type { SyncOperation } from '../restore/syncPhase.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { handlerTask, type AslDefinition, type AslState } from './aslStates.js';
import type { WorkflowResources } from './workflowResources.js';

/** The longest a table's sync (and its verification) may run: Standard workflows allow a year; a day is plenty. */
export const SYNC_TIMEOUT_SECONDS = 24 * 3600;

/**
 * The table's sync state machine (`{Table}DRSyncTableDataStateMachine`):
 * `reset` empties the destination then copies the restored table into it
 * (seed 002's delete and copy phases); `delta` writes only the differences.
 * Each fans out over scan segments with a Distributed Map (one Lambda per
 * segment on AWS; the local runner runs the same Map inline). Then the
 * destination is verified against the restored table: both are digested per
 * segment by another Map, and the counts and digests compared.
 *
 * @example
 * const child = syncStateMachineDefinition(settings, resources);
 */
export function syncStateMachineDefinition(
  settings: TableRestoreSettings,
  resources: WorkflowResources,
): AslDefinition {
  const fn = resources.handlerFunctionArn;
  /** A Distributed Map running `handler` once per scan segment, again while a segment returns unfinished. */
  const overSegments = (
    handler: 'syncTableSegment' | 'verifyTableSegment',
    operation: SyncOperation | 'verify',
    taskName: string,
    next: string,
  ): AslState => {
    // A sync segment called again goes on at the write pace its last call ended with (`{}` before the first).
    const paced = handler === 'syncTableSegment';
    return {
      Type: 'Map',
      Comment: `${operation} over ${settings.segments} scan segments`,
      ItemsPath: '$.sync.segments',
      ItemSelector: {
        'plan.$': '$.plan',
        operation,
        'segment.$': '$$.Map.Item.Value',
        ...(paced && { result: { pace: {} } }),
      },
      MaxConcurrency: settings.segments,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: taskName,
        States: {
          // A segment returns unfinished when its time budget (under Lambda's limit) runs out: call it again.
          [taskName]: handlerTask(
            fn,
            handler,
            {
              'plan.$': '$.plan',
              'operation.$': '$.operation',
              'segment.$': '$.segment',
              ...(paced && { 'pace.$': '$.result.pace' }),
            },
            { ResultPath: '$.result', Next: `${taskName}Finished` },
          ),
          [`${taskName}Finished`]: {
            Type: 'Choice',
            Choices: [{ Variable: '$.result.done', BooleanEquals: true, Next: `${taskName}Done` }],
            Default: taskName,
          },
          [`${taskName}Done`]: { Type: 'Succeed' },
        },
      },
      ResultPath: null,
      Next: next,
    };
  };
  return {
    Comment: `Syncs ${settings.tableName} to its restored copy (dynamo-dr)`,
    StartAt: 'PrepareSync',
    TimeoutSeconds: SYNC_TIMEOUT_SECONDS,
    States: {
      PrepareSync: handlerTask(
        fn,
        'prepareSync',
        { 'plan.$': '$.plan' },
        { ResultPath: '$.sync', Next: 'ChooseSyncMode' },
      ),
      ChooseSyncMode: {
        Type: 'Choice',
        Choices: [{ Variable: '$.plan.mode', StringEquals: 'reset', Next: 'EmptyDestinationTable' }],
        Default: 'DeltaSyncTableData',
      },
      EmptyDestinationTable: overSegments('syncTableSegment', 'empty', 'EmptyDestinationSegment', 'CopyRestoredData'),
      CopyRestoredData: overSegments('syncTableSegment', 'copy', 'CopyRestoredSegment', 'StartVerification'),
      DeltaSyncTableData: overSegments('syncTableSegment', 'delta', 'DeltaSyncSegment', 'StartVerification'),
      StartVerification: handlerTask(
        fn,
        'startVerification',
        { 'plan.$': '$.plan' },
        { ResultPath: null, Next: 'VerifyTableSegments' },
      ),
      VerifyTableSegments: overSegments('verifyTableSegment', 'verify', 'VerifySegment', 'VerifyTableData'),
      VerifyTableData: handlerTask(fn, 'verifyTableData', { 'plan.$': '$.plan' }, { End: true }),
    },
  };
}
