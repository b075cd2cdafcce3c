import type { AslDefinition } from '../workflow/aslStates.js';
import { stateMachineDefinition } from '../workflow/stateMachineDefinition.js';
import type { WorkflowResources } from '../workflow/workflowResources.js';
import type { TableRestoreSettings } from './restorePlan.js';
import { restoreWorkflow, syncWorkflow } from './restoreWorkflow.js';

/**
 * The ASL of a table's restore state machine (`DRRestoreDynamoDbTable{Table}StateMachine`), generated from
 * {@link restoreWorkflow}: its input is exactly `{ incidentId, pitrBackupTime, tableNameRecoveryConfirmation }`
 * (the recovery workflow's input contract), validated by its first state; the settings are baked in. Every
 * Task calls `resources.handlerFunctionArn` (the Lambda function of `@dynamo-dr/core/lambda`); the sync runs
 * as `resources.syncStateMachineArn`. Either ARN may be a CDK token.
 *
 * @example
 * const definition = restoreStateMachineDefinition(settings, {
 *   handlerFunctionArn: fn.functionArn,
 *   syncStateMachineArn: `arn:aws:states:${region}:${account}:stateMachine:${syncStateMachineName('Orders')}`,
 * });
 * new CfnStateMachine(stack, 'Restore', { definitionString: JSON.stringify(definition), roleArn });
 */
export function restoreStateMachineDefinition(
  settings: TableRestoreSettings,
  resources: WorkflowResources,
): AslDefinition {
  return stateMachineDefinition(restoreWorkflow(settings), resources);
}

/**
 * The ASL of a table's sync state machine (`{Table}DRSyncTableDataStateMachine`), generated from
 * {@link syncWorkflow}: started by the restore state machine with `{ plan, deadline, requestedTime, segments }`,
 * it fans the sync and the verification out over the scan segments with Distributed Maps.
 *
 * @example
 * const child = syncStateMachineDefinition(settings, resources);
 */
export function syncStateMachineDefinition(
  settings: TableRestoreSettings,
  resources: WorkflowResources,
): AslDefinition {
  return stateMachineDefinition(syncWorkflow(settings), resources);
}
