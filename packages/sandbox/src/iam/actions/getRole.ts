import type { IamAction } from '../iamAction.js';
import { roleView } from '../roleView.js';

/** GetRole. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html */
export const getRole: IamAction = (request, store) => ({
  Role: { ...roleView(store.role(request.get('RoleName') ?? '')), RoleLastUsed: {} },
});
