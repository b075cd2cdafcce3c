import type { IamAction } from '../iamAction.js';
import { iamValidation } from '../iamErrors.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { queryString } from '../../queryProtocol.js';

/** UpdateAssumeRolePolicy: replaces the trust policy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html */
export const updateAssumeRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const document = queryString(request, 'PolicyDocument');
  if (document === undefined) throw iamValidation('policyDocument', undefined, 'Member must not be null');
  parsePolicyDocument(document, 'trust');
  role.AssumeRolePolicyDocument = document;
  store.save();
  return undefined;
};
