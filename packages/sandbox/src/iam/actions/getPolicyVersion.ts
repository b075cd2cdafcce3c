import type { IamAction } from '../iamAction.js';

/** GetPolicyVersion: the document URL-encoded. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html */
export const getPolicyVersion: IamAction = (request, store) => {
  const version = store.policyVersion(request.get('PolicyArn') ?? '', request.get('VersionId') ?? '');
  return { PolicyVersion: { ...version, Document: encodeURIComponent(version.Document) } };
};
