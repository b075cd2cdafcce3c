import type { IamAction } from '../iamAction.js';
import { noSuchEntity } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/** DetachRolePolicy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html */
export const detachRolePolicy: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const arn = queryString(request, 'PolicyArn') ?? '';
  if (!role.attached.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
  role.attached = role.attached.filter((a) => a !== arn);
  store.save();
  return undefined;
};
