import type { IamAction } from '../iamAction.js';
import { tagsOf } from '../tagsOf.js';
import { queryString } from '../../queryProtocol.js';

/** TagRole: adds or replaces tags. https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html */
export const tagRole: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const added = tagsOf(request);
  role.Tags = [...role.Tags.filter((t) => !added.some((a) => a.Key === t.Key)), ...added];
  store.save();
  return undefined;
};
