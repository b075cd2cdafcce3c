import type { IamAction } from '../iamAction.js';
import { iamPage } from '../iamPage.js';
import { queryString } from '../../queryProtocol.js';

/** ListRolePolicies: inline policy names. https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html */
export const listRolePolicies: IamAction = (request, store) => {
  const names = Object.keys(store.role(queryString(request, 'RoleName') ?? '').inline);
  const { page, IsTruncated, Marker } = iamPage(names, request, (n) => n);
  return { PolicyNames: page, IsTruncated, Marker };
};
