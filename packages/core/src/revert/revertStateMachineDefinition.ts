import type { TableRestoreSettings } from '../restore/restorePlan.js';
import type { AslDefinition } from '../workflow/aslStates.js';
import { stateMachineDefinition } from '../workflow/stateMachineDefinition.js';
import type { WorkflowResources } from '../workflow/workflowResources.js';
import type { RevertSettings } from './revertPlan.js';
import { revertWorkflow } from './revertWorkflow.js';

/**
 * The ASL of a table's revert state machine (`DRRevertDynamoDbTable{Table}StateMachine`), generated from
 * {@link revertWorkflow}: its input is the recovery workflow's input contract plus optional `untilTime` and
 * `onConflict` (`RevertInput`), validated by its first state; the settings and the exports' bucket are
 * baked in. The exports are polled by the ASL's Retry (a Lambda call per look, never one sleeping); the
 * writes run as a Distributed Map over the segments, each call within its time budget.
 *
 * @example
 * const definition = revertStateMachineDefinition(settings, { exportBucket: 'dr-exports' }, resources);
 * new CfnStateMachine(stack, 'Revert', { definitionString: JSON.stringify(definition), roleArn });
 */
export function revertStateMachineDefinition(
  settings: TableRestoreSettings,
  revert: RevertSettings,
  resources: WorkflowResources,
): AslDefinition {
  return stateMachineDefinition(revertWorkflow(settings, revert), resources);
}
