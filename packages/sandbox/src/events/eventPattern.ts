/**
 * EventBridge event patterns: checked when a rule is put, matched against
 * every event. A pattern is an object whose leaves are arrays of matchers; an
 * event matches when every field of the pattern matches (any one matcher of a
 * leaf; for an array in the event, any one element).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
 */
export type EventPattern = { readonly [field: string]: unknown };

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'anything-but',
  'numeric',
  'exists',
  'equals-ignore-case',
  'wildcard',
  'cidr',
]);
const NUMERIC_OPS = new Set(['<', '<=', '=', '>', '>=']);

/** The problem that makes a pattern invalid (InvalidEventPatternException's reason), or undefined when it is valid. */
export function eventPatternProblem(pattern: unknown): string | undefined {
  if (!pattern || typeof pattern !== 'object' || Array.isArray(pattern)) return 'Filter is not an object';
  if (!Object.keys(pattern).length) return 'Empty event pattern: give at least one field to match';
  return objectProblem(pattern as EventPattern, '');
}

function objectProblem(pattern: EventPattern, path: string): string | undefined {
  for (const [field, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${field}` : field;
    if (field === '$or') {
      if (
        !Array.isArray(value) ||
        value.length < 2 ||
        value.some((p) => !p || typeof p !== 'object' || Array.isArray(p))
      ) {
        return `"$or" at ${path || 'the top'} must be an array of at least two objects`;
      }
      for (const branch of value as EventPattern[]) {
        const problem = objectProblem(branch, path);
        if (problem) return problem;
      }
    } else if (Array.isArray(value)) {
      for (const matcher of value) {
        const problem = matcherProblem(matcher, at);
        if (problem) return problem;
      }
    } else if (value && typeof value === 'object') {
      const problem = objectProblem(value as EventPattern, at);
      if (problem) return problem;
    } else {
      return `"${at}" must be an object or an array`;
    }
  }
  return undefined;
}

function matcherProblem(matcher: unknown, at: string): string | undefined {
  if (matcher === null || ['string', 'number', 'boolean'].includes(typeof matcher)) return undefined;
  if (typeof matcher !== 'object' || Array.isArray(matcher)) return `Unrecognized match type in "${at}"`;
  const entries = Object.entries(matcher);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined || !OPERATORS.has(operator)) {
    return `Unrecognized match type ${operator ?? '{}'} in "${at}"`;
  }
  switch (operator) {
    case 'exists':
      return typeof operand === 'boolean' ? undefined : `exists match pattern must be either true or false in "${at}"`;
    case 'numeric':
      return numericProblem(operand, at);
    case 'prefix':
    case 'suffix':
      return typeof operand === 'string' || isIgnoreCase(operand)
        ? undefined
        : `${operator} match pattern must be a string in "${at}"`;
    case 'equals-ignore-case':
    case 'wildcard':
    case 'cidr':
      return typeof operand === 'string' ? undefined : `${operator} match pattern must be a string in "${at}"`;
    default:
      return anythingButProblem(operand, at);
  }
}

function numericProblem(operand: unknown, at: string): string | undefined {
  const ok =
    Array.isArray(operand) &&
    (operand.length === 2 || operand.length === 4) &&
    operand.every((x, i) => (i % 2 === 0 ? NUMERIC_OPS.has(x as string) : typeof x === 'number'));
  return ok ? undefined : `Value of numeric must be an array of comparison operators and numbers in "${at}"`;
}

function anythingButProblem(operand: unknown, at: string): string | undefined {
  if (['string', 'number'].includes(typeof operand)) return undefined;
  if (Array.isArray(operand) && operand.length && operand.every((x) => ['string', 'number'].includes(typeof x)))
    return undefined;
  if (operand && typeof operand === 'object' && !Array.isArray(operand)) {
    const [inner, value] = Object.entries(operand)[0] ?? [];
    if (['prefix', 'suffix', 'equals-ignore-case', 'wildcard'].includes(inner ?? '') && typeof value === 'string')
      return undefined;
  }
  return `Value of anything-but must be a string, a number, an array of them, or a prefix, suffix, equals-ignore-case or wildcard match in "${at}"`;
}

function isIgnoreCase(operand: unknown): boolean {
  return (
    !!operand &&
    typeof operand === 'object' &&
    typeof (operand as Record<string, unknown>)['equals-ignore-case'] === 'string'
  );
}

/** Whether `event` (an EventBridge event: `source`, `detail-type`, `detail`…) matches a valid pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    if (field === '$or') return (expected as EventPattern[]).some((branch) => matchesPattern(branch, event));
    const value =
      event && typeof event === 'object' && !Array.isArray(event)
        ? (event as Record<string, unknown>)[field]
        : undefined;
    if (!Array.isArray(expected)) return matchesPattern(expected as EventPattern, value);
    return expected.some((matcher) => matches(matcher, value));
  });
}

function matches(matcher: unknown, value: unknown): boolean {
  if (matcher && typeof matcher === 'object') {
    const [operator, operand] = Object.entries(matcher)[0] as [string, unknown];
    if (operator === 'exists')
      return operand === (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value)));
    if (value === undefined) return false;
    return leaves(value).some((leaf) => operatorMatches(operator, operand, leaf));
  }
  return leaves(value).some((leaf) => leaf === matcher);
}

/** The values a leaf matcher is tried on: the elements of an array, or the value itself. */
function leaves(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function operatorMatches(operator: string, operand: unknown, leaf: unknown): boolean {
  switch (operator) {
    case 'prefix':
      return typeof leaf === 'string' && affix(operand, leaf, (s, a) => s.startsWith(a));
    case 'suffix':
      return typeof leaf === 'string' && affix(operand, leaf, (s, a) => s.endsWith(a));
    case 'equals-ignore-case':
      return typeof leaf === 'string' && leaf.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return typeof leaf === 'string' && wildcard(String(operand)).test(leaf);
    case 'numeric':
      return typeof leaf === 'number' && numeric(operand as (string | number)[], leaf);
    case 'cidr':
      return typeof leaf === 'string' && inCidr(String(operand), leaf);
    default:
      return leaf !== undefined && !anythingBut(operand, leaf);
  }
}

function affix(operand: unknown, leaf: string, test: (s: string, a: string) => boolean): boolean {
  if (typeof operand === 'string') return test(leaf, operand);
  const ignoring = String((operand as Record<string, unknown>)['equals-ignore-case']);
  return test(leaf.toLowerCase(), ignoring.toLowerCase());
}

/** Whether `leaf` is one of the values anything-but excludes. */
function anythingBut(operand: unknown, leaf: unknown): boolean {
  if (Array.isArray(operand)) return operand.includes(leaf);
  if (operand && typeof operand === 'object') {
    const [inner, value] = Object.entries(operand)[0] as [string, unknown];
    return operatorMatches(inner, value, leaf);
  }
  return operand === leaf;
}

function numeric(conditions: (string | number)[], value: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const bound = conditions[i + 1] as number;
    const ok = {
      '<': value < bound,
      '<=': value <= bound,
      '=': value === bound,
      '>': value > bound,
      '>=': value >= bound,
    }[conditions[i] as string];
    if (!ok) return false;
  }
  return true;
}

function wildcard(pattern: string): RegExp {
  const parts = pattern.split(/(?<!\\)\*/).map((p) => p.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

function inCidr(cidr: string, address: string): boolean {
  const [base, bits] = cidr.split('/');
  const toNumber = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(address)) return false;
  const prefix = Number(bits ?? 32);
  const size = 2 ** (32 - prefix);
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}
