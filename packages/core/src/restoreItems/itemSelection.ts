import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ScanFilter } from '../aws/scanPage.js';
import { InputError } from '../errors.js';

/** The selection as the user typed it (CLI flags). */
export interface ItemSelectionInput {
  /** A DynamoDB condition (FilterExpression syntax), e.g. `begins_with(pk, :rule)`. */
  readonly where: string;
  /** JSON object of `:placeholder` values: plain JSON, or DynamoDB JSON (`{":rule": {"S": "rule#MD-001"}}`). */
  readonly values?: string;
  /** JSON object of `#placeholder` attribute names, e.g. `{"#s": "status"}`. */
  readonly names?: string;
}

const TYPE_KEYS = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
const VALUE_PLACEHOLDER = /:[A-Za-z0-9_]+/g;
const NAME_PLACEHOLDER = /#[A-Za-z0-9_]+/g;

/**
 * Parses and checks a selection without calling AWS: both JSON arguments are
 * objects, every `:value` and `#name` placeholder of the expression is given,
 * and none given is unused (DynamoDB refuses unused ones too, with a less
 * precise message). DynamoDB itself checks the grammar (see
 * `assertSelectionAccepted`).
 *
 * @example
 * parseItemSelection({ where: 'begins_with(pk, :rule)', values: '{":rule": "rule#MD-001"}' });
 * // { expression: 'begins_with(pk, :rule)', values: { ':rule': { S: 'rule#MD-001' } } }
 */
export function parseItemSelection(input: ItemSelectionInput): ScanFilter {
  const expression = input.where.trim();
  if (!expression) {
    throw new InputError('where', input.where, 'is empty', 'Give a condition, e.g. "begins_with(pk, :rule)".');
  }
  const values = input.values === undefined ? undefined : parseValues(input.values, 'values');
  const names = input.names === undefined ? undefined : parseNames(input.names, 'names');
  assertPlaceholders(expression, values ?? {}, VALUE_PLACEHOLDER, 'values', 'where');
  assertPlaceholders(expression, names ?? {}, NAME_PLACEHOLDER, 'names', 'where');
  return { expression, ...(names && { names }), ...(values && { values }) };
}

function parseObject(text: string, flag: string, example: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(flag, text, `is not valid JSON (${(error as Error).message})`, `Write it like ${example}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(flag, text, 'is not a JSON object', `Write it like ${example}.`);
  }
  return parsed as Record<string, unknown>;
}

/** Plain JSON is marshalled; an object whose every value is one DynamoDB type descriptor is taken as DynamoDB JSON. */
function parseValues(text: string, flag: string): Record<string, AttributeValue> {
  const raw = parseObject(text, flag, `'{":rule": "rule#MD-001"}'`);
  const isTyped = (v: unknown) =>
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.keys(v).length === 1 &&
    TYPE_KEYS.has(Object.keys(v)[0]!);
  const entries = Object.entries(raw);
  if (entries.length === 0) {
    throw new InputError(flag, text, 'is empty', 'Leave --values out when the expression has no :placeholder.');
  }
  if (entries.every(([, v]) => isTyped(v))) return raw as Record<string, AttributeValue>;
  try {
    return marshall(raw, { removeUndefinedValues: true, convertClassInstanceToMap: false });
  } catch (error) {
    throw new InputError(
      flag,
      text,
      `cannot be turned into DynamoDB values (${(error as Error).message})`,
      'Use strings, numbers, booleans, null, arrays and objects.',
    );
  }
}

function parseNames(text: string, flag: string): Record<string, string> {
  const raw = parseObject(text, flag, `'{"#s": "status"}'`);
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || !value) {
      throw new InputError(
        flag,
        text,
        `maps ${name} to ${JSON.stringify(value)}, not an attribute name`,
        'Map each #placeholder to an attribute name string.',
      );
    }
    if (name.startsWith('#dr_')) {
      throw new InputError(
        flag,
        text,
        `uses ${name}: names starting with #dr_ are reserved by dynamo-dr`,
        'Rename the placeholder.',
      );
    }
  }
  return raw as Record<string, string>;
}

function assertPlaceholders(
  expression: string,
  given: Record<string, unknown>,
  pattern: RegExp,
  flag: string,
  whereFlag: string,
): void {
  const used = new Set(expression.match(pattern) ?? []);
  const kind = pattern === VALUE_PLACEHOLDER ? 'value' : 'name';
  for (const placeholder of used) {
    if (!(placeholder in given)) {
      throw new InputError(
        whereFlag,
        expression,
        `uses ${placeholder}, which ${flag} does not give`,
        `Add ${placeholder} to ${flag}${Object.keys(given).length ? ` (it has ${Object.keys(given).join(', ')})` : ''}.`,
      );
    }
  }
  for (const placeholder of Object.keys(given)) {
    if (!used.has(placeholder)) {
      throw new InputError(
        flag,
        placeholder,
        `is not used by ${whereFlag} ${JSON.stringify(expression)}`,
        `Remove it, or fix the ${kind} placeholder's spelling in the expression (placeholders are case-sensitive).`,
      );
    }
  }
}
