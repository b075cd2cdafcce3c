import type { IamAction } from '../iamAction.js';
import { queryString } from '../../queryProtocol.js';

/** GetPolicyVersion: the document URL-encoded. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html */
export const getPolicyVersion: IamAction = (request, store) => {
  const version = store.policyVersion(queryString(request, 'PolicyArn') ?? '', queryString(request, 'VersionId') ?? '');
  return { PolicyVersion: { ...version, Document: encodeURIComponent(version.Document) } };
};
