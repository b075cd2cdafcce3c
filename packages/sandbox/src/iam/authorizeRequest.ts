import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { signingScopeOf } from '../signingScope.js';
import { sessionTokenOf } from './sessionTokenOf.js';
import type { IamStore } from './iamStore.js';
import { evaluatePolicies } from './policyEvaluation.js';
import { assumedRoleArn, type RoleSession, type RoleSessions } from './roleSessions.js';
import { jsonServiceDenial, type RequestAuthorizer, type RequiredPermission } from './serviceAuthorization.js';

/**
 * IAM enforcement for every service: a request signed with credentials the sandbox issued to a role
 * (Lambda execution environments, STS AssumeRole) goes through only if that role's policies allow every
 * permission the service says the request needs. Any other credentials are the operator's and may do
 * anything. Conditions the sandbox cannot evaluate are named in the AccessDenied message and logged once.
 */
export function iamAuthorizer(store: IamStore, sessions: RoleSessions): RequestAuthorizer {
  const warned = new Set<string>();
  return async (service, request) => {
    const session = sessions.find(signingScopeOf(request)?.accessKeyId);
    if (!session) return;
    const denied = service.authorization?.denied ?? jsonServiceDenial;
    if (sessionTokenOf(request) !== session.sessionToken) {
      throw denied('invalidToken', 'The security token included in the request is invalid.');
    }
    if (session.expiration < Date.now()) {
      throw denied('expiredToken', 'The security token included in the request is expired');
    }
    const principal = assumedRoleArn(session);
    if (!service.authorization) {
      throw denied(
        'accessDenied',
        `User: ${principal} is not authorized to perform this ${service.name} request: the dynamo-dr sandbox has no IAM mapping for ${service.name}, so it refuses role credentials there (docs/sandbox.md).`,
      );
    }
    const policies = store.policiesOfRole(session.roleArn);
    const unknownRole = store.roleByArn(session.roleArn)
      ? ''
      : ` (the role ${session.roleArn} does not exist in the sandbox's IAM, so it has no policy)`;
    for (const permission of await service.authorization.permissionsFor(request)) {
      const evaluation = evaluatePolicies(
        policies,
        permission.action,
        permission.resource,
        requestContext(session, request.region, permission),
        'unsupported',
      );
      const note = evaluation.unsupported.length
        ? ` (the dynamo-dr sandbox cannot evaluate the condition ${evaluation.unsupported.join('; ')}: it treats such an Allow as not allowing and such a Deny as denying; see docs/sandbox.md)`
        : '';
      for (const line of evaluation.unsupported) {
        const warning = `[dynamo-dr sandbox] IAM: ${principal} doing ${permission.action}: cannot evaluate ${line}`;
        if (!warned.has(warning)) console.warn(warning);
        warned.add(warning);
      }
      if (evaluation.decision === 'allowed') continue;
      const start = `User: ${principal} is not authorized to perform: ${permission.action} on resource: ${permission.resource}`;
      throw denied(
        'accessDenied',
        evaluation.decision === 'explicitDeny'
          ? `${start} with an explicit deny in an identity-based policy${note}`
          : `${start} because no identity-based policy allows the ${permission.action} action${note}${unknownRole}`,
      );
    }
  };
}

/** The global condition keys the sandbox knows for a role session's request, and the permission's own. */
function requestContext(session: RoleSession, region: string, permission: RequiredPermission) {
  const now = new Date();
  const context = new Map<string, readonly string[]>([
    ['aws:requestedregion', [region]],
    ['aws:principalarn', [session.roleArn]],
    ['aws:principalaccount', [SANDBOX_ACCOUNT]],
    ['aws:principaltype', ['AssumedRole']],
    ['aws:userid', [`${session.roleId}:${session.sessionName}`]],
    // On AWS the SDK reaches every endpoint over TLS; the sandbox's plain HTTP stands in for it.
    ['aws:securetransport', ['true']],
    ['aws:currenttime', [now.toISOString()]],
    ['aws:epochtime', [String(Math.floor(now.getTime() / 1000))]],
  ]);
  for (const [key, values] of Object.entries(permission.context ?? {})) context.set(key.toLowerCase(), values);
  return context;
}
