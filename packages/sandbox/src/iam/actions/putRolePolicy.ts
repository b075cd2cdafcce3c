import { AwsError } from '../../awsError.js';
import type { IamAction } from '../iamAction.js';
import { iamValidation, POLICY_NAME, requiredName } from '../iamErrors.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { queryString } from '../../queryProtocol.js';

/** IAM's quota on the aggregate size of a role's inline policies, in characters without whitespace. */
const INLINE_QUOTA = 10240;

/**
 * PutRolePolicy: adds or replaces an inline policy, checked as an identity-based policy.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
 */
export const putRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const name = requiredName(queryString(request, 'PolicyName'), 'policyName', POLICY_NAME, 128);
  const document = queryString(request, 'PolicyDocument');
  if (document === undefined) throw iamValidation('policyDocument', undefined, 'Member must not be null');
  parsePolicyDocument(document, 'identity');
  const others = Object.entries(role.inline).filter(([n]) => n !== name);
  const size = [...others.map(([, d]) => d), document].join('').replace(/\s/g, '').length;
  if (size > INLINE_QUOTA) {
    throw new AwsError(
      'LimitExceeded',
      `Maximum policy size of ${INLINE_QUOTA} bytes exceeded for role ${role.RoleName}`,
      409,
    );
  }
  role.inline[name] = document;
  store.save();
  return undefined;
};
