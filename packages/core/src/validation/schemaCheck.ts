import { Ajv, type ErrorObject } from 'ajv';

/**
 * One Ajv for every schema of the product (configuration file, Lambda events, item file manifests): strict,
 * so that a typo in a schema fails at load instead of accepting everything.
 */
const ajv = new Ajv({ strict: true });

/** Where a value breaks its schema: the field's path, its value, what is wrong. */
export interface SchemaProblem {
  /** The keys down to the field (`['pace', 'writeUnitsPerSecond']`; empty for the value itself). */
  readonly path: readonly string[];
  readonly value: unknown;
  /** In words, to follow the field's name: `is required`, `must be integer`, `is not a known field`. */
  readonly problem: string;
}

/** A value that matched its schema, or the first place it does not. */
export type SchemaChecked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: SchemaProblem };

/**
 * Compiles a JSON Schema (draft 07, as Ajv's default) into a check: the value typed as `T` when it matches,
 * else the first field that does not, by its path, so that the caller can name it as its user knows it (a
 * JSON pointer into a file, a dotted event field).
 *
 * @example
 * const check = schemaCheck<{ segment: number }>({ type: 'object', properties: { segment: { type: 'integer' } } });
 * check({ segment: '3' }); // { ok: false, problem: { path: ['segment'], value: '3', problem: 'must be integer' } }
 */
export function schemaCheck<T>(schema: object): (value: unknown) => SchemaChecked<T> {
  const validate = ajv.compile<T>(schema);
  return (value) =>
    validate(value) ? { ok: true, value } : { ok: false, problem: problemOf(value, validate.errors![0]!) };
}

/**
 * A problem in words, for a message that has already named the document: `field pace.writeUnitsPerSecond -1
 * must be > 0`, or for the document itself only its problem (`is not JSON`).
 *
 * @example
 * describeSchemaProblem({ path: ['Item', 'sk', 'N'], value: 2, problem: 'must be string' }); // 'field Item.sk.N 2 must be string'
 */
export function describeSchemaProblem({ path, value, problem }: SchemaProblem): string {
  if (!path.length) return problem;
  return `field ${path.join('.')}${value === undefined ? '' : ` ${JSON.stringify(value)}`} ${problem}`;
}

function problemOf(document: unknown, error: ErrorObject): SchemaProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  const value = valueAt(document, path);
  switch (error.keyword) {
    case 'required':
      return { path, value: undefined, problem: 'is required' };
    case 'additionalProperties':
      return { path, value, problem: 'is not a known field' };
    case 'enum':
      return { path, value, problem: `is not one of ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { path, value, problem: error.message ?? 'is invalid' };
  }
}

function valueAt(document: unknown, path: readonly string[]): unknown {
  let value = document;
  for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}
