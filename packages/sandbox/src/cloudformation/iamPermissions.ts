import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { queryString } from '../queryProtocol.js';
import type { QueryCall } from '../queryService.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { CloudFormationAction } from './service.js';

/**
 * The permission a CloudFormation request needs: `cloudformation:{Action}` on
 * the stack it names (`arn:aws:cloudformation:{region}:{account}:stack/{name}/*`,
 * or the stack id given), `*` for listings and template checks. The resources a
 * stack operation creates are then created with the operator's credentials, as
 * CloudFormation uses the caller's (or its service role's) permissions.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 */
export function cloudFormationPermissions({
  name,
  params,
  req,
}: QueryCall<CloudFormationAction>): RequiredPermission[] {
  const stack = queryString(params, 'StackName');
  const resource = !stack
    ? '*'
    : stack.startsWith('arn:')
      ? stack
      : `arn:aws:cloudformation:${req.region}:${SANDBOX_ACCOUNT}:stack/${stack}/*`;
  return [{ action: `cloudformation:${name}`, resource }];
}
