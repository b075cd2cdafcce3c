import type { IamAction } from '../iamAction.js';
import { roleView } from '../roleView.js';
import { queryString } from '../../queryProtocol.js';

/** GetRole. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html */
export const getRole: IamAction = (request, store) => ({
  Role: { ...roleView(store.role(queryString(request, 'RoleName') ?? '')), RoleLastUsed: {} },
});
