import type { CloudFormationAction } from '../service.js';
import { findChangeSet } from './findChangeSet.js';

/** DeleteChangeSet; a REVIEW_IN_PROGRESS stack left with none is removed (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteChangeSet.html). */
export const deleteChangeSet: CloudFormationAction = async (params, { store }) => {
  const { stack, changeSet } = findChangeSet(store, params);
  delete stack.changeSets[changeSet.ChangeSetId];
  if (stack.StackStatus === 'REVIEW_IN_PROGRESS' && Object.keys(stack.changeSets).length === 0)
    delete store.stacks[stack.StackId];
  store.save();
  return {};
};
