import { awsId } from '../awsIds.js';
import type { IamAction } from '../iamAction.js';
import { entityAlreadyExists, iamValidation, invalidInput, IAM_PATH, requiredName, ROLE_NAME } from '../iamErrors.js';
import { roleArn } from '../iamStore.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { roleView } from '../roleView.js';
import { tagsOf } from '../tagsOf.js';
import { queryString } from '../../queryProtocol.js';

/**
 * CreateRole: a role with its trust policy (checked as a trust policy), Path (default `/`),
 * MaxSessionDuration 3600–43200 (default 3600), Description and Tags.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export const createRole: IamAction = (request, store) => {
  const name = requiredName(queryString(request, 'RoleName'), 'roleName', ROLE_NAME, 64);
  const path = queryString(request, 'Path') ?? '/';
  if (!IAM_PATH.test(path))
    throw iamValidation('path', path, `Member must satisfy regular expression pattern: ${IAM_PATH.source}`);
  const trust = queryString(request, 'AssumeRolePolicyDocument');
  if (trust === undefined) throw iamValidation('assumeRolePolicyDocument', undefined, 'Member must not be null');
  parsePolicyDocument(trust, 'trust');
  const maxSession = Number(queryString(request, 'MaxSessionDuration') ?? 3600);
  if (!Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200) {
    throw iamValidation(
      'maxSessionDuration',
      queryString(request, 'MaxSessionDuration'),
      'Member must have value between 3600 and 43200',
    );
  }
  if (queryString(request, 'PermissionsBoundary') !== undefined) {
    throw invalidInput(
      'The dynamo-dr sandbox does not emulate permissions boundaries; create the role without PermissionsBoundary.',
    );
  }
  // Role names are unique case-insensitively (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names).
  if (Object.keys(store.roles).some((existing) => existing.toLowerCase() === name.toLowerCase())) {
    throw entityAlreadyExists(`Role with name ${name} already exists.`);
  }
  const role = {
    RoleName: name,
    RoleId: awsId('AROA', 21),
    Arn: roleArn(path, name),
    Path: path,
    CreateDate: new Date().toISOString(),
    AssumeRolePolicyDocument: trust,
    Description: queryString(request, 'Description'),
    MaxSessionDuration: maxSession,
    Tags: tagsOf(request),
    inline: {},
    attached: [],
  };
  store.roles[name] = role;
  store.save();
  return { Role: roleView(role) };
};
