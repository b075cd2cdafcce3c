import type { IamAction } from '../iamAction.js';
import { queryString, queryStrings } from '../../queryProtocol.js';

/** UntagRole. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html */
export const untagRole: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const keys = queryStrings(request, 'TagKeys');
  role.Tags = role.Tags.filter((t) => !keys.includes(t.Key));
  store.save();
  return undefined;
};
