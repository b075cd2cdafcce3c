import type { IamAction } from '../iamAction.js';
import { deleteConflict } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/**
 * DeleteRole: refused with DeleteConflict while the role has inline or attached policies, as IAM does.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
 */
export const deleteRole: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  if (Object.keys(role.inline).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attached.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  delete store.roles[role.RoleName];
  store.save();
  return undefined;
};
