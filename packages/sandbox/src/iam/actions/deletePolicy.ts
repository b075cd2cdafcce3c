import type { IamAction } from '../iamAction.js';
import { deleteConflict, invalidInput } from '../iamErrors.js';
import { awsManagedPolicy } from '../managedPolicies.js';

/**
 * DeletePolicy: refused with DeleteConflict while the policy is attached to a role.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
 */
export const deletePolicy: IamAction = (request, store) => {
  const arn = request.get('PolicyArn') ?? '';
  if (awsManagedPolicy(arn)) throw invalidInput(`Policy ${arn} is an AWS managed policy and cannot be deleted.`);
  store.policy(arn);
  if (store.attachmentCount(arn)) throw deleteConflict('Cannot delete a policy attached to entities.');
  delete store.customerPolicies[arn];
  store.save();
  return undefined;
};
