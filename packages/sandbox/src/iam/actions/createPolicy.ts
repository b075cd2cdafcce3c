import { awsId } from '../awsIds.js';
import type { IamAction } from '../iamAction.js';
import { entityAlreadyExists, iamValidation, IAM_PATH, POLICY_NAME, requiredName } from '../iamErrors.js';
import { customerPolicyArn } from '../iamStore.js';
import { parsePolicyDocument } from '../policyDocument.js';
import { tagsOf } from '../tagsOf.js';
import { queryString } from '../../queryProtocol.js';

/**
 * CreatePolicy: a customer managed policy whose first version, `v1`, is its default.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
 */
export const createPolicy: IamAction = (request, store) => {
  const name = requiredName(queryString(request, 'PolicyName'), 'policyName', POLICY_NAME, 128);
  const path = queryString(request, 'Path') ?? '/';
  if (!IAM_PATH.test(path))
    throw iamValidation('path', path, `Member must satisfy regular expression pattern: ${IAM_PATH.source}`);
  const document = queryString(request, 'PolicyDocument');
  if (document === undefined) throw iamValidation('policyDocument', undefined, 'Member must not be null');
  parsePolicyDocument(document, 'identity');
  const arn = customerPolicyArn(path, name);
  if (Object.values(store.customerPolicies).some((p) => p.PolicyName.toLowerCase() === name.toLowerCase())) {
    throw entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  }
  const now = new Date().toISOString();
  store.customerPolicies[arn] = {
    PolicyName: name,
    PolicyId: awsId('ANPA', 21),
    Arn: arn,
    Path: path,
    Description: queryString(request, 'Description'),
    CreateDate: now,
    UpdateDate: now,
    DefaultVersionId: 'v1',
    versions: [{ VersionId: 'v1', Document: document, CreateDate: now }],
    Tags: tagsOf(request),
  };
  store.save();
  const { Description: _description, ...listed } = store.policy(arn);
  return { Policy: { ...listed, Tags: listed.Tags?.length ? listed.Tags : undefined } };
};
