import type { IamAction } from '../iamAction.js';
import { iamPage } from '../iamPage.js';
import { roleView } from '../roleView.js';
import { queryString } from '../../queryProtocol.js';

/**
 * ListRoles: by name, filtered by `PathPrefix`, paged with MaxItems/Marker; without tags, as IAM lists them.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
 */
export const listRoles: IamAction = (request, store) => {
  const prefix = queryString(request, 'PathPrefix') ?? '/';
  const roles = Object.values(store.roles).filter((r) => r.Path.startsWith(prefix));
  const { page, IsTruncated, Marker } = iamPage(roles, request, (r) => r.RoleName);
  return { Roles: page.map((r) => roleView(r, false)), IsTruncated, Marker };
};
