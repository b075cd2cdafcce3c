import { AwsError } from '../../awsError.js';
import { customerPolicy } from '../customerPolicy.js';
import type { IamAction } from '../iamAction.js';
import { iamValidation } from '../iamErrors.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { queryString } from '../../queryProtocol.js';

/** IAM keeps at most five versions of a managed policy. */
const MAX_VERSIONS = 5;

/**
 * CreatePolicyVersion: the next `vN`, the default when `SetAsDefault` is true.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
 */
export const createPolicyVersion: IamAction = (request, store) => {
  const policy = customerPolicy(store, queryString(request, 'PolicyArn') ?? '');
  const document = queryString(request, 'PolicyDocument');
  if (document === undefined) throw iamValidation('policyDocument', undefined, 'Member must not be null');
  parsePolicyDocument(document, 'identity');
  if (policy.versions.length >= MAX_VERSIONS) {
    throw new AwsError(
      'LimitExceeded',
      `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
      409,
    );
  }
  const next = Math.max(...policy.versions.map((v) => Number(v.VersionId.slice(1)))) + 1;
  const version = { VersionId: `v${next}`, Document: document, CreateDate: new Date().toISOString() };
  policy.versions.push(version);
  const makeDefault = queryString(request, 'SetAsDefault') === 'true';
  if (makeDefault) policy.DefaultVersionId = version.VersionId;
  policy.UpdateDate = version.CreateDate;
  store.save();
  return {
    PolicyVersion: { VersionId: version.VersionId, IsDefaultVersion: makeDefault, CreateDate: version.CreateDate },
  };
};
