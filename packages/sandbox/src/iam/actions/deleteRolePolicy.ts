import type { IamAction } from '../iamAction.js';
import { noSuchEntity } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/** DeleteRolePolicy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html */
export const deleteRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const name = queryString(request, 'PolicyName') ?? '';
  if (role.inline[name] === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
  delete role.inline[name];
  store.save();
  return undefined;
};
