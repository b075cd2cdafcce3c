import type { IamAction } from '../iamAction.js';
import { iamPage } from '../iamPage.js';
import { queryString } from '../../queryProtocol.js';

/** ListAttachedRolePolicies. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html */
export const listAttachedRolePolicies: IamAction = (request, store) => {
  const prefix = queryString(request, 'PathPrefix') ?? '/';
  const attached = store
    .role(queryString(request, 'RoleName') ?? '')
    .attached.map((arn) => store.policy(arn))
    .filter((p) => p.Path.startsWith(prefix))
    .map((p) => ({ PolicyName: p.PolicyName, PolicyArn: p.Arn }));
  const { page, IsTruncated, Marker } = iamPage(attached, request, (p) => p.PolicyArn);
  return { AttachedPolicies: page, IsTruncated, Marker };
};
