import type { IamAction } from '../iamAction.js';
import { queryString } from '../../queryProtocol.js';

/** GetPolicy: a customer or (the sandbox's set of) AWS managed policy. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html */
export const getPolicy: IamAction = (request, store) => {
  const policy = store.policy(queryString(request, 'PolicyArn') ?? '');
  return { Policy: { ...policy, Tags: policy.Tags?.length ? policy.Tags : undefined } };
};
