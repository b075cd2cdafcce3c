import { jsonTargetRequest, type RequiredPermission } from '../iam/serviceAuthorization.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { SandboxRequest } from '../server.js';

/**
 * SSM's Parameter Store calls need `ssm:{Operation}` on the parameter's ARN, `…:parameter/NAME` (a name's
 * leading `/` is not doubled); GetParametersByPath on the path's ARN.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html
 */
export function ssmPermissions(request: SandboxRequest): RequiredPermission[] {
  const parsed = jsonTargetRequest(request);
  if (!parsed) return [];
  const { operation, body } = parsed;
  const name = operation === 'GetParametersByPath' ? body.Path : body.Name;
  if (typeof name !== 'string') return [];
  const resource = `arn:aws:ssm:${request.region}:${SANDBOX_ACCOUNT}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  return [{ action: `ssm:${operation}`, resource }];
}
