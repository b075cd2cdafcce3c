import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { findChangeSet } from './findChangeSet.js';

/**
 * ExecuteChangeSet: applies the change set's template and parameters (a
 * CREATE one creates the stack, rolling back on failure); the stack's other
 * change sets are then obsolete.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html
 */
export const executeChangeSet: CloudFormationAction = async (params, { store, operations, plan }) => {
  const { stack, changeSet } = findChangeSet(store, params);
  if (changeSet.ExecutionStatus !== 'AVAILABLE') {
    throw cfnErrors.invalidChangeSetStatus(
      changeSet.ChangeSetName,
      changeSet.Status === 'FAILED' ? 'FAILED' : changeSet.ExecutionStatus,
    );
  }
  const checked = await plan({
    template: { body: changeSet.templateBody, fromUrl: changeSet.fromUrl },
    parameters: changeSet.Parameters,
    previousParameters: stack.Parameters,
    capabilities: changeSet.Capabilities,
    stackName: stack.StackName,
    stackId: stack.StackId,
  });
  changeSet.ExecutionStatus = 'EXECUTE_IN_PROGRESS';
  for (const other of Object.values(stack.changeSets)) if (other !== changeSet) other.ExecutionStatus = 'OBSOLETE';
  stack.Capabilities = changeSet.Capabilities;
  if (changeSet.ChangeSetType === 'CREATE')
    await operations.create(stack, checked, stack.DisableRollback ? 'DO_NOTHING' : 'ROLLBACK');
  else await operations.update(stack, checked);
  changeSet.ExecutionStatus =
    /COMPLETE$/.test(stack.StackStatus) && !/ROLLBACK/.test(stack.StackStatus) ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
  store.save();
  return {};
};
