import { malformedPolicyDocument } from './iamErrors.js';

/** One condition of a statement: `{"StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}` gives one. */
export interface PolicyCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement with every single-or-list element as a list. */
export interface PolicyStatement {
  /** Its position in the document's `Statement` list (0-based). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Trust policies only: the `Principal` element as written. */
  readonly principal?: unknown;
  readonly conditions: readonly PolicyCondition[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

/** Identity-based policies (inline, managed) or a role's trust policy: they differ in required elements. */
export type PolicyKind = 'identity' | 'trust';

const VERSIONS = ['2012-10-17', '2008-10-17'];
const ACTION = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+)$/;

/**
 * Parses and checks a policy document as IAM does when it is stored, throwing MalformedPolicyDocument with
 * IAM's messages. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
export function parsePolicyDocument(text: string, kind: PolicyKind): PolicyDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformedPolicyDocument('This policy contains invalid Json');
  }
  if (!isObject(parsed)) throw malformedPolicyDocument('This policy contains invalid Json');
  if (parsed.Version !== undefined && !VERSIONS.includes(String(parsed.Version))) {
    throw malformedPolicyDocument('The policy failed legacy parsing');
  }
  const raw = parsed.Statement;
  if (raw === undefined) throw malformedPolicyDocument('Syntax errors in policy.');
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.length) throw malformedPolicyDocument('Syntax errors in policy.');
  return { statements: list.map((s, index) => parseStatement(s, index, kind)) };
}

function parseStatement(raw: unknown, index: number, kind: PolicyKind): PolicyStatement {
  if (!isObject(raw)) throw malformedPolicyDocument('Syntax errors in policy.');
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    throw malformedPolicyDocument(`Invalid effect: ${String(raw.Effect)}`);
  }
  const actions = stringList(raw.Action);
  const notActions = stringList(raw.NotAction);
  if (!actions && !notActions) throw malformedPolicyDocument('Policy statement must contain actions.');
  for (const action of [...(actions ?? []), ...(notActions ?? [])]) {
    if (!ACTION.test(action)) {
      throw malformedPolicyDocument('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    }
  }
  const resources = stringList(raw.Resource);
  const notResources = stringList(raw.NotResource);
  if (kind === 'identity') {
    if (raw.Principal !== undefined || raw.NotPrincipal !== undefined) {
      throw malformedPolicyDocument('Policy document should not specify a principal.');
    }
    if (!resources && !notResources) throw malformedPolicyDocument('Policy statement must contain resources.');
    for (const resource of [...(resources ?? []), ...(notResources ?? [])]) {
      if (resource !== '*' && !resource.startsWith('arn:')) {
        throw malformedPolicyDocument(`Resource ${resource} must be in ARN format or "*".`);
      }
    }
  } else {
    if (resources || notResources) throw malformedPolicyDocument('Has prohibited field Resource');
    if (raw.Principal === undefined)
      throw malformedPolicyDocument('Has prohibited field NotPrincipal or lacks Principal');
  }
  return {
    index,
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect: raw.Effect,
    actions,
    notActions,
    resources,
    notResources,
    principal: raw.Principal,
    conditions: parseConditions(raw.Condition),
  };
}

function parseConditions(raw: unknown): PolicyCondition[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw malformedPolicyDocument('Syntax errors in policy.');
  const conditions: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!isObject(block)) throw malformedPolicyDocument('Syntax errors in policy.');
    for (const [key, values] of Object.entries(block)) {
      conditions.push({ operator, key, values: (Array.isArray(values) ? values : [values]).map(String) });
    }
  }
  return conditions;
}

function stringList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((v) => typeof v !== 'string')) throw malformedPolicyDocument('Syntax errors in policy.');
  return list as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
