import type { IamAction } from '../iamAction.js';
import { noSuchEntity } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/** GetRolePolicy: the document URL-encoded. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html */
export const getRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const name = queryString(request, 'PolicyName') ?? '';
  const document = role.inline[name];
  if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
  return { RoleName: role.RoleName, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
};
