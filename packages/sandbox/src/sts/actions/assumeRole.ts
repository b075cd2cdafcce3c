import { AwsError } from '../../awsError.js';
import { iamValidation } from '../../iam/iamErrors.js';
import { assumedRoleArn } from '../../iam/roleSessions.js';
import { trustsPrincipal } from '../../iam/trustPolicy.js';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import type { StsAction } from '../stsAction.js';
import { queryString, queryStrings } from '../../queryProtocol.js';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * AssumeRole: temporary credentials (`ASIA…`, secret, session token) that the sandbox then recognises as
 * the role's. The operator (any credentials the sandbox did not issue) may assume every role, whatever its
 * trust policy says; a role session needs `sts:AssumeRole` allowed by its policies (checked before this runs)
 * and the target role's trust policy naming it, its role or the account. Session policies are refused.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export const assumeRole: StsAction = (request, { iam, sessions, caller }) => {
  const arn = queryString(request, 'RoleArn');
  if (arn === undefined) throw iamValidation('roleArn', undefined, 'Member must not be null');
  const sessionName = queryString(request, 'RoleSessionName');
  if (sessionName === undefined) throw iamValidation('roleSessionName', undefined, 'Member must not be null');
  if (!SESSION_NAME.test(sessionName)) {
    throw iamValidation('roleSessionName', sessionName, `Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  if (queryString(request, 'Policy') !== undefined || queryStrings(request, 'PolicyArns').length) {
    throw iamValidation(
      'policy',
      'session policy',
      'the dynamo-dr sandbox does not emulate session policies; assume the role without Policy or PolicyArns',
    );
  }
  const role = iam.roleByArn(arn);
  const principal = caller ? assumedRoleArn(caller) : `arn:aws:iam::${SANDBOX_ACCOUNT}:root`;
  const trusted =
    !caller ||
    (role &&
      trustsPrincipal(
        role.AssumeRolePolicyDocument,
        {
          type: 'AWS',
          ids: [caller.roleArn, assumedRoleArn(caller), `arn:aws:iam::${SANDBOX_ACCOUNT}:root`, SANDBOX_ACCOUNT],
        },
        'sts:AssumeRole',
      ));
  if (!role || !trusted) {
    throw new AwsError(
      'AccessDenied',
      `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      403,
    );
  }
  const duration = Number(queryString(request, 'DurationSeconds') ?? 3600);
  if (!Number.isInteger(duration) || duration < 900) {
    throw iamValidation(
      'durationSeconds',
      queryString(request, 'DurationSeconds'),
      'Member must have value greater than or equal to 900',
    );
  }
  if (duration > role.MaxSessionDuration) {
    throw iamValidation(
      'durationSeconds',
      duration,
      `The requested DurationSeconds exceeds the MaxSessionDuration set for this role (${role.MaxSessionDuration}).`,
    );
  }
  const session = sessions.issue({ arn: role.Arn, name: role.RoleName, roleId: role.RoleId }, sessionName, duration);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `${role.RoleId}:${sessionName}`, Arn: assumedRoleArn(session) },
  };
};
