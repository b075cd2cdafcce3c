import { parsePolicyDocument, type PolicyStatement } from './policyDocument.js';
import { matchesWildcard } from './wildcard.js';

/** Who asks to assume a role: AWS principals (ARNs, account ids) or a service (`lambda.amazonaws.com`). */
export interface TrustedPrincipal {
  readonly type: 'AWS' | 'Service';
  readonly ids: readonly string[];
}

/**
 * Whether a role's trust policy lets `principal` perform `action` (`sts:AssumeRole`): an Allow statement
 * naming it (or `*`) and no Deny naming it. Conditions in trust statements make the statement not apply
 * (the sandbox does not evaluate them there).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
export function trustsPrincipal(trustPolicy: string, principal: TrustedPrincipal, action: string): boolean {
  const statements = parsePolicyDocument(trustPolicy, 'trust').statements.filter(
    (s) => (s.actions ?? []).some((a) => matchesWildcard(a, action, true)) && names(s, principal),
  );
  if (statements.some((s) => s.effect === 'Deny')) return false;
  return statements.some((s) => s.effect === 'Allow' && !s.conditions.length);
}

function names(statement: PolicyStatement, principal: TrustedPrincipal): boolean {
  const element = statement.principal;
  if (element === '*') return true;
  if (!element || typeof element !== 'object') return false;
  const listed = (element as Record<string, unknown>)[principal.type];
  const values = (Array.isArray(listed) ? listed : [listed]).filter((v): v is string => typeof v === 'string');
  return values.some((v) => v === '*' || principal.ids.includes(v));
}
