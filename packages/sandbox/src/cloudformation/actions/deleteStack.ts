import { cfnErrors } from '../cfnErrors.js';
import type { CloudFormationAction } from '../service.js';
import { stackName } from './stackParams.js';

const BUSY = /_IN_PROGRESS$/;

/**
 * DeleteStack: resources deleted in reverse dependency order (Retain kept).
 * A stack that does not exist is no error, as on AWS.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
 */
export const deleteStack: CloudFormationAction = async (params, { store, operations }) => {
  const stack = store.find(stackName(params));
  if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
  if (BUSY.test(stack.StackStatus) && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
    throw cfnErrors.validation(`Stack [${stack.StackName}] cannot be deleted while in status ${stack.StackStatus}`);
  }
  await operations.delete(stack);
  return undefined;
};
