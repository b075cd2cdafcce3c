import { evaluateCondition, type RequestContext, type UnknownKeys } from './conditionEvaluation.js';
import type { PolicyDocument, PolicyStatement } from './policyDocument.js';
import { matchesWildcard } from './wildcard.js';

/** A policy that applies to the principal, as IAM's simulator names its source types. */
export interface NamedPolicy {
  /** The inline policy's name or the managed policy's ARN. */
  readonly id: string;
  readonly type: 'role' | 'user-managed' | 'aws-managed';
  readonly document: PolicyDocument;
}

export type EvaluationDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface StatementMatch {
  readonly policy: NamedPolicy;
  readonly statement: PolicyStatement;
}

export interface Evaluation {
  readonly decision: EvaluationDecision;
  /** The statements that decided: every applying Deny, or else every applying Allow. */
  readonly matched: readonly StatementMatch[];
  /** Conditions the sandbox could not evaluate in statements matching the action and resource. */
  readonly unsupported: readonly string[];
  /** Condition keys that matching statements use and the context lacks (simulation only). */
  readonly missingContext: readonly string[];
}

/** Keys the sandbox knows to be absent from a direct call (no service made it on the caller's behalf). */
const ABSENT_IN_DIRECT_CALLS: ReadonlySet<string> = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
]);

/**
 * IAM's evaluation of identity-based policies within one account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html): an applying
 * Deny wins, else an applying Allow allows, else the request is implicitly denied. A statement applies when
 * its Action/NotAction (case-insensitive) and Resource/NotResource (`*`, `?`) match and every condition holds.
 * A matching Deny whose condition cannot be evaluated counts as applying (fail closed); such an Allow does
 * not apply. Either way it is reported in `unsupported`.
 */
export function evaluatePolicies(
  policies: readonly NamedPolicy[],
  action: string,
  resource: string,
  context: RequestContext,
  unknownKeys: UnknownKeys,
): Evaluation {
  const denies: StatementMatch[] = [];
  const allows: StatementMatch[] = [];
  const unsupported: string[] = [];
  const missing = new Set<string>();
  for (const policy of policies) {
    for (const statement of policy.document.statements) {
      if (!matchesAction(statement, action) || !matchesResource(statement, resource)) continue;
      let holds = true;
      let unknown = false;
      for (const condition of statement.conditions) {
        const key = condition.key.toLowerCase();
        if (!context.has(key) && !ABSENT_IN_DIRECT_CALLS.has(key)) missing.add(condition.key);
        const outcome = evaluateCondition(condition, context, ABSENT_IN_DIRECT_CALLS, unknownKeys);
        if (outcome === false) holds = false;
        else if (outcome !== true) {
          unknown = true;
          unsupported.push(`${outcome.unsupported} in ${describe(policy, statement)}`);
        }
      }
      if (!holds) continue;
      if (statement.effect === 'Deny') denies.push({ policy, statement });
      else if (!unknown) allows.push({ policy, statement });
    }
  }
  const missingContext = unknownKeys === 'absent' ? [...missing] : [];
  if (denies.length) return { decision: 'explicitDeny', matched: denies, unsupported, missingContext };
  if (allows.length) return { decision: 'allowed', matched: allows, unsupported, missingContext };
  return { decision: 'implicitDeny', matched: [], unsupported, missingContext };
}

function describe(policy: NamedPolicy, statement: PolicyStatement): string {
  return `policy ${policy.id} statement ${statement.sid ? `"${statement.sid}"` : `#${statement.index + 1}`}`;
}

function matchesAction(statement: PolicyStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((p) => matchesWildcard(p, action, true));
  return !(statement.notActions ?? []).some((p) => matchesWildcard(p, action, true));
}

function matchesResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.resources) return statement.resources.some((p) => matchesWildcard(p, resource, false));
  return !(statement.notResources ?? []).some((p) => matchesWildcard(p, resource, false));
}
