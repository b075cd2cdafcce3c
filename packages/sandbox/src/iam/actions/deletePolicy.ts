import type { IamAction } from '../iamAction.js';
import { customerPolicy } from '../customerPolicy.js';
import { deleteConflict } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/**
 * DeletePolicy: refused with DeleteConflict while the policy is attached to a role.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
 */
export const deletePolicy: IamAction = (request, store) => {
  const arn = queryString(request, 'PolicyArn') ?? '';
  customerPolicy(store, arn);
  if (store.attachmentCount(arn)) throw deleteConflict('Cannot delete a policy attached to entities.');
  delete store.customerPolicies[arn];
  store.save();
  return undefined;
};
