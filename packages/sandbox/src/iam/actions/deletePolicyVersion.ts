import { customerPolicy } from '../customerPolicy.js';
import type { IamAction } from '../iamAction.js';
import { deleteConflict } from '../iamErrors.js';
import { queryString } from '../../queryProtocol.js';

/**
 * DeletePolicyVersion: never the default version (DeleteConflict, as IAM refuses it).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicyVersion.html
 */
export const deletePolicyVersion: IamAction = (request, store) => {
  const arn = queryString(request, 'PolicyArn') ?? '';
  const versionId = queryString(request, 'VersionId') ?? '';
  const policy = customerPolicy(store, arn);
  store.policyVersion(arn, versionId);
  if (versionId === policy.DefaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  policy.versions = policy.versions.filter((v) => v.VersionId !== versionId);
  store.save();
  return undefined;
};
