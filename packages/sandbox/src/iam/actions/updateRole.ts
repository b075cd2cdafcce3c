import type { IamAction } from '../iamAction.js';
import { iamValidation } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/** UpdateRole: Description and MaxSessionDuration. https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html */
export const updateRole: IamAction = (request, store) => {
  const role = store.role(queryString(request, 'RoleName') ?? '');
  const duration = queryString(request, 'MaxSessionDuration');
  if (duration !== undefined) {
    const seconds = Number(duration);
    if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
      throw iamValidation('maxSessionDuration', duration, 'Member must have value between 3600 and 43200');
    }
    role.MaxSessionDuration = seconds;
  }
  const description = queryString(request, 'Description');
  if (description !== undefined) role.Description = description;
  store.save();
  return {};
};
