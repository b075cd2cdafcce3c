import type { IamAction } from '../iamAction.js';
import { AWS_MANAGED_POLICIES } from '../managedPolicies.js';
import { iamPage } from '../iamPage.js';
import { queryString } from '../../queryProtocol.js';

/**
 * ListPolicies: `Scope` All (default), AWS (the sandbox's built-in set) or Local, `OnlyAttached`,
 * `PathPrefix`; by name, paged. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html
 */
export const listPolicies: IamAction = (request, store) => {
  const scope = queryString(request, 'Scope') ?? 'All';
  const arns = [
    ...(scope === 'Local' ? [] : AWS_MANAGED_POLICIES.map((p) => p.arn)),
    ...(scope === 'AWS' ? [] : Object.keys(store.customerPolicies)),
  ];
  const prefix = queryString(request, 'PathPrefix') ?? '/';
  const policies = arns
    .map((arn) => store.policy(arn))
    .filter(
      (p) => p.Path.startsWith(prefix) && (queryString(request, 'OnlyAttached') !== 'true' || p.AttachmentCount > 0),
    )
    .map(({ Description: _description, Tags: _tags, ...listed }) => listed);
  const { page, IsTruncated, Marker } = iamPage(policies, request, (p) => p.PolicyName);
  return { Policies: page, IsTruncated, Marker };
};
