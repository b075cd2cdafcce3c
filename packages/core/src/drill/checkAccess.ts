import type { IAMClient } from '@aws-sdk/client-iam';
import { roleArn, simulatedDecisions } from './accessCalls.js';
import type { RequiredPermission } from './recoveryPermissions.js';

/** Whether the caller may perform every action a recovery needs. */
export interface AccessCheck {
  /** The principal simulated (a role's ARN for an assumed-role session). */
  readonly principal: string;
  /** `false` when IAM cannot simulate the principal (the account root may do everything). */
  readonly simulated: boolean;
  /** The permissions IAM would refuse, each with its decision. */
  readonly missing: readonly (RequiredPermission & { readonly decision: string })[];
}

const ASSUMED_ROLE = /^arn:[\w-]+:sts::\d{12}:assumed-role\/([\w+=,.@-]+)\//;

/**
 * Simulates each permission for the caller (its ARN from STS GetCallerIdentity) with IAM's SimulatePrincipalPolicy,
 * one call per resource; an assumed-role session is simulated as its role. IAM cannot simulate the
 * account root, which is allowed everything (`simulated: false`).
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 *
 * @example
 * const { missing } = await checkAccess(iam, await callerIdentity(sts), recoveryPermissions('restore-as', resources));
 */
export async function checkAccess(
  iam: IAMClient,
  caller: { readonly arn: string },
  permissions: readonly RequiredPermission[],
): Promise<AccessCheck> {
  if (caller.arn.endsWith(':root')) return { principal: caller.arn, simulated: false, missing: [] };
  const role = ASSUMED_ROLE.exec(caller.arn)?.[1];
  const principal = role ? await roleArn(iam, role) : caller.arn;
  const byResource = new Map<string, RequiredPermission[]>();
  for (const p of permissions) byResource.set(p.resource, [...(byResource.get(p.resource) ?? []), p]);
  const missing: (RequiredPermission & { decision: string })[] = [];
  for (const [resource, wanted] of byResource) {
    const decisions = await simulatedDecisions(iam, principal, [...new Set(wanted.map((p) => p.action))], resource);
    for (const p of wanted) {
      const decision = decisions.get(p.action) ?? 'implicitDeny';
      if (decision !== 'allowed') missing.push({ ...p, decision });
    }
  }
  return { principal, simulated: true, missing };
}
