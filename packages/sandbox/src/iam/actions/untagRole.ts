import type { IamAction } from '../iamAction.js';

/** UntagRole. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html */
export const untagRole: IamAction = (request, store) => {
  const role = store.role(request.get('RoleName') ?? '');
  const keys = request.list('TagKeys');
  role.Tags = role.Tags.filter((t) => !keys.includes(t.Key));
  store.save();
  return undefined;
};
