import { customerPolicy } from '../customerPolicy.js';
import type { IamAction } from '../iamAction.js';
import { deleteConflict } from '../iamErrors.js';

/**
 * DeletePolicyVersion: never the default version (DeleteConflict, as IAM refuses it).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicyVersion.html
 */
export const deletePolicyVersion: IamAction = (request, store) => {
  const arn = request.get('PolicyArn') ?? '';
  const versionId = request.get('VersionId') ?? '';
  const policy = customerPolicy(store, arn);
  store.policyVersion(arn, versionId);
  if (versionId === policy.DefaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  policy.versions = policy.versions.filter((v) => v.VersionId !== versionId);
  store.save();
  return undefined;
};
