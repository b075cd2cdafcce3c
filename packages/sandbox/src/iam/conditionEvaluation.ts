import type { PolicyCondition } from './policyDocument.js';
import { matchesWildcard } from './wildcard.js';

/** Condition keys and their values in a request, keys lower-cased (IAM keys are case-insensitive). */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

/** A condition is true, false, or beyond what the sandbox can evaluate (with the reason). */
export type ConditionOutcome = true | false | { readonly unsupported: string };

/**
 * What to do with a key the request context lacks and the sandbox does not know to be absent on AWS:
 * enforcement reports the condition as unsupported; simulation takes the key as missing (as
 * SimulatePrincipalPolicy does) and lists it in MissingContextValues.
 */
export type UnknownKeys = 'unsupported' | 'absent';

type Compare = (pattern: string, actual: string) => boolean;
const COMPARES: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
  stringequals: { compare: (p, a) => p === a, negated: false },
  stringnotequals: { compare: (p, a) => p === a, negated: true },
  stringequalsignorecase: { compare: (p, a) => p.toLowerCase() === a.toLowerCase(), negated: false },
  stringnotequalsignorecase: { compare: (p, a) => p.toLowerCase() === a.toLowerCase(), negated: true },
  stringlike: { compare: (p, a) => matchesWildcard(p, a, false), negated: false },
  stringnotlike: { compare: (p, a) => matchesWildcard(p, a, false), negated: true },
  arnequals: { compare: (p, a) => matchesWildcard(p, a, false), negated: false },
  arnlike: { compare: (p, a) => matchesWildcard(p, a, false), negated: false },
  arnnotequals: { compare: (p, a) => matchesWildcard(p, a, false), negated: true },
  arnnotlike: { compare: (p, a) => matchesWildcard(p, a, false), negated: true },
  bool: { compare: (p, a) => p.toLowerCase() === a.toLowerCase(), negated: false },
};

/**
 * Evaluates one condition against the request context, as IAM's condition operators do
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html):
 * a missing key makes a positive operator false and a negated one true; `…IfExists` makes it true;
 * `Null` tests presence. Numeric and date operators and `ForAnyValue:`/`ForAllValues:` are not evaluated.
 */
export function evaluateCondition(
  condition: PolicyCondition,
  context: RequestContext,
  known: ReadonlySet<string>,
  unknownKeys: UnknownKeys,
): ConditionOutcome {
  const key = condition.key.toLowerCase();
  const operator = condition.operator.toLowerCase();
  const unsupported = (why: string) => ({ unsupported: `${condition.operator} on ${condition.key} (${why})` });
  if (operator.includes(':')) return unsupported('set operators ForAnyValue:/ForAllValues: are not evaluated');
  if (!context.has(key) && !known.has(key) && unknownKeys === 'unsupported') {
    return unsupported('the sandbox does not know this key for this request');
  }
  const actual = context.get(key);
  if (operator === 'null') {
    const wantsAbsent = condition.values.some((v) => v.toLowerCase() === 'true');
    return wantsAbsent === (actual === undefined);
  }
  const ifExists = operator.endsWith('ifexists');
  const spec = COMPARES[ifExists ? operator.slice(0, -'ifexists'.length) : operator];
  if (!spec) return unsupported('the sandbox does not evaluate this operator');
  if (actual === undefined) return ifExists || spec.negated;
  const anyMatch = actual.some((a) => condition.values.some((p) => spec.compare(p, a)));
  return spec.negated ? !anyMatch : anyMatch;
}
