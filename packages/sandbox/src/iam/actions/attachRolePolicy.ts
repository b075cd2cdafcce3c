import type { IamAction } from '../iamAction.js';
import { queryString } from '../../queryProtocol.js';

/**
 * AttachRolePolicy: a customer managed policy, or one of the AWS managed policies the sandbox knows
 * (`managedPolicies.ts`); any other ARN is NoSuchEntity. Attaching twice is one attachment.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
 */
export const attachRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const arn = store.policy(queryString(request, 'PolicyArn') ?? '').Arn;
  if (!role.attached.includes(arn)) role.attached.push(arn);
  store.save();
  return undefined;
};
