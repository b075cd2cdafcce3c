import { cfnErrors } from '../cfnErrors.js';

/** What `AWS::NoValue` resolves to: the property (or list item) is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** What intrinsic functions resolve against. */
export interface ResolveScope {
  /** Parameters and pseudo parameters, by name. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly mappings: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  condition(name: string): boolean;
  /** A resource's Ref value. */
  ref(logicalId: string): unknown;
  /** A resource's attribute. */
  getAtt(logicalId: string, attribute: string): unknown;
  /** The value another stack exported under `name`. */
  importValue(name: string): unknown;
}

/**
 * Resolves CloudFormation's intrinsic functions in a template value
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html):
 * Ref, Fn::GetAtt, Fn::Sub (both forms), Fn::Join, Fn::Select, Fn::Split,
 * Fn::If, Fn::Equals / And / Or / Not, Fn::FindInMap, Fn::Base64, Fn::GetAZs,
 * Fn::ImportValue. `AWS::NoValue` removes the member it is in.
 */
export function resolveValue(value: unknown, scope: ResolveScope): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, scope)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
    return intrinsic(key, argument, scope);
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, resolveValue(v, scope)] as const).filter(([, v]) => v !== NO_VALUE),
  );
}

/** A condition expression's truth (Fn::Equals, And, Or, Not, and `{ Condition: name }`). */
export function conditionValue(expression: unknown, scope: ResolveScope): boolean {
  if (expression && typeof expression === 'object' && 'Condition' in expression) {
    return scope.condition(String((expression as { Condition: unknown }).Condition));
  }
  const resolved = resolveValue(expression, scope);
  if (typeof resolved === 'boolean') return resolved;
  if (resolved === 'true' || resolved === 'false') return resolved === 'true';
  throw cfnErrors.templateFormat(`a condition must be a boolean, got ${JSON.stringify(resolved)}.`);
}

function intrinsic(name: string, argument: unknown, scope: ResolveScope): unknown {
  const args = () => {
    if (!Array.isArray(argument))
      throw cfnErrors.templateFormat(`${name} needs a list, got ${JSON.stringify(argument)}.`);
    return argument;
  };
  switch (name) {
    case 'Ref':
      return ref(String(argument), scope);
    case 'Fn::GetAtt': {
      const [id, ...attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
      return scope.getAtt(String(id), attribute.map(String).join('.'));
    }
    case 'Fn::Sub':
      return Array.isArray(argument)
        ? substitute(
            String(argument[0]),
            (resolveValue(argument[1] ?? {}, scope) as Record<string, unknown>) ?? {},
            scope,
          )
        : substitute(String(argument), {}, scope);
    case 'Fn::Join': {
      const [delimiter, list] = args();
      const items = resolveValue(list, scope);
      if (!Array.isArray(items))
        throw cfnErrors.templateFormat(`Fn::Join needs a list of values, got ${JSON.stringify(items)}.`);
      return items.map(String).join(String(delimiter));
    }
    case 'Fn::Select': {
      const [index, list] = args().map((a) => resolveValue(a, scope));
      if (!Array.isArray(list) || list[Number(index)] === undefined) {
        throw cfnErrors.templateFormat(`Fn::Select cannot select ${String(index)} from ${JSON.stringify(list)}.`);
      }
      return list[Number(index)];
    }
    case 'Fn::Split': {
      const [delimiter, source] = args().map((a) => resolveValue(a, scope));
      return String(source).split(String(delimiter));
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = args();
      return resolveValue(scope.condition(String(condition)) ? whenTrue : whenFalse, scope);
    }
    case 'Fn::Equals': {
      const [a, b] = args().map((x) => resolveValue(x, scope));
      return JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::And':
      return args().every((c) => conditionValue(c, scope));
    case 'Fn::Or':
      return args().some((c) => conditionValue(c, scope));
    case 'Fn::Not':
      return !conditionValue(args()[0], scope);
    case 'Fn::FindInMap': {
      const [map = '', top = '', second = ''] = args().map((a) => String(resolveValue(a, scope)));
      const found = scope.mappings[map]?.[top]?.[second];
      if (found === undefined) throw cfnErrors.templateFormat(`Fn::FindInMap found no ${map}/${top}/${second}.`);
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(String(resolveValue(argument, scope))).toString('base64');
    case 'Fn::GetAZs': {
      const region = String(resolveValue(argument, scope) || scope.values['AWS::Region']);
      return ['a', 'b', 'c'].map((zone) => `${region}${zone}`);
    }
    case 'Fn::ImportValue':
      return scope.importValue(String(resolveValue(argument, scope)));
    default:
      throw cfnErrors.templateFormat(`the dynamo-dr sandbox does not resolve ${name}.`);
  }
}

function ref(name: string, scope: ResolveScope): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in scope.values) return scope.values[name];
  return scope.ref(name);
}

/** `${Name}`, `${Resource.Attribute}`, `${!Literal}`, with `variables` first. */
function substitute(text: string, variables: Record<string, unknown>, scope: ResolveScope): string {
  return text.replace(/\$\{([^}]*)\}/g, (_, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    if (name in variables) return String(variables[name]);
    if (name in scope.values) return String(scope.values[name]);
    const dot = name.indexOf('.');
    if (dot > 0) return String(scope.getAtt(name.slice(0, dot), name.slice(dot + 1)));
    return String(scope.ref(name));
  });
}

/**
 * The resources a value refers to (Ref, Fn::GetAtt, names in Fn::Sub), for
 * dependency order; `known` tells parameters and pseudo parameters apart.
 */
export function referencedNames(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencedNames(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, argument] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'Ref' && typeof argument === 'string') found.add(argument);
      else if (key === 'Fn::GetAtt') {
        const id = Array.isArray(argument) ? argument[0] : String(argument).split('.')[0];
        found.add(String(id));
      } else if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
        const own = new Set(Object.keys((variables as Record<string, unknown>) ?? {}));
        for (const [, inner] of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
          const name = (inner ?? '').trim().split('.')[0] ?? '';
          if (!own.has(name)) found.add(name);
        }
        referencedNames(variables, found);
      } else referencedNames(argument, found);
    }
  }
  return found;
}
