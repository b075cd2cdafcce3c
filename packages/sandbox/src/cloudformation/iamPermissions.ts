import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { queryParameters, queryString } from '../queryProtocol.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { SandboxRequest } from '../server.js';

/**
 * The permission a CloudFormation request needs: `cloudformation:{Action}` on
 * the stack it names (`arn:aws:cloudformation:{region}:{account}:stack/{name}/*`,
 * or the stack id given), `*` for listings and template checks. The resources a
 * stack operation creates are then created with the operator's credentials, as
 * CloudFormation uses the caller's (or its service role's) permissions.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 */
export function cloudFormationPermissions(request: SandboxRequest): RequiredPermission[] {
  const params = queryParameters(request);
  const action = queryString(params, 'Action') ?? '';
  const stack = queryString(params, 'StackName');
  const resource = !stack
    ? '*'
    : stack.startsWith('arn:')
      ? stack
      : `arn:aws:cloudformation:${request.region}:${SANDBOX_ACCOUNT}:stack/${stack}/*`;
  return [{ action: `cloudformation:${action}`, resource }];
}
