import type { RoleRecord } from './iamStore.js';

/**
 * A role as CreateRole, GetRole and ListRoles return it: the trust policy URL-encoded (RFC 3986), as IAM
 * returns every policy document. https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
 */
export function roleView(role: RoleRecord, withTags = true): Record<string, unknown> {
  return {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument),
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
    Tags: withTags && role.Tags.length ? role.Tags : undefined,
  };
}
