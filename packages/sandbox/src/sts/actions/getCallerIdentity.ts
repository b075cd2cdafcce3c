import { assumedRoleArn } from '../../iam/roleSessions.js';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import type { StsAction } from '../stsAction.js';

/**
 * GetCallerIdentity: a role session's assumed-role ARN, or for the operator the account's root (the
 * operator's credentials may do anything in the sandbox). Needs no permission, as on AWS.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
 */
export const getCallerIdentity: StsAction = (_request, { caller }) =>
  caller
    ? { UserId: `${caller.roleId}:${caller.sessionName}`, Account: SANDBOX_ACCOUNT, Arn: assumedRoleArn(caller) }
    : { UserId: SANDBOX_ACCOUNT, Account: SANDBOX_ACCOUNT, Arn: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` };
