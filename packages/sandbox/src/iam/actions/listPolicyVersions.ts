import type { IamAction } from '../iamAction.js';
import { awsManagedPolicy } from '../managedPolicies.js';
import { queryString } from '../../queryProtocol.js';

/** ListPolicyVersions, newest first, documents left out as IAM lists them. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyVersions.html */
export const listPolicyVersions: IamAction = (request, store) => {
  const arn = queryString(request, 'PolicyArn') ?? '';
  const policy = store.policy(arn);
  const ids = awsManagedPolicy(arn)
    ? [policy.DefaultVersionId]
    : (store.customerPolicies[arn]?.versions ?? []).map((v) => v.VersionId).reverse();
  return {
    Versions: ids.map((id) => {
      const { Document: _document, ...version } = store.policyVersion(arn, id);
      return version;
    }),
    IsTruncated: false,
  };
};
