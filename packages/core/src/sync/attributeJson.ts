import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';

/** An item as plain JSON (DynamoDB JSON as the AWS CLI prints it: binaries in base64). */
export type JsonItem = Record<string, unknown>;

/**
 * Converts an item (or key) to plain JSON, for cursors, error details and Lambda payloads.
 *
 * @example
 * itemToJson({ id: { B: Uint8Array.of(1) } }); // { id: { B: 'AQ==' } }
 */
export function itemToJson(item: Item): JsonItem {
  const out: JsonItem = {};
  for (const name in item) out[name] = valueToJson(item[name]!);
  return out;
}

/**
 * The inverse of {@link itemToJson}.
 *
 * @example
 * itemFromJson({ id: { B: 'AQ==' } }); // { id: { B: Uint8Array [1] } }
 */
export function itemFromJson(json: JsonItem): Item {
  const out: Item = {};
  for (const name in json) out[name] = valueFromJson(json[name] as Record<string, unknown>);
  return out;
}

function valueToJson(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(valueToJson) };
  if (value.M !== undefined) return { M: itemToJson(value.M) };
  return value;
}

function valueFromJson(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b: string) => Buffer.from(b, 'base64')) };
  if (Array.isArray(value.L)) return { L: value.L.map((v: Record<string, unknown>) => valueFromJson(v)) };
  if (value.M && typeof value.M === 'object') return { M: itemFromJson(value.M as JsonItem) };
  return value as unknown as AttributeValue;
}

/**
 * Whether `value` is an item in DynamoDB JSON (what {@link itemToJson} writes and the AWS CLI prints):
 * an object whose every attribute is one typed value, e.g. `{"S": "x"}`, `{"N": "1"}`, `{"L": [...]}`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html). Files from
 * users are checked with it before anything is read from them into a table.
 */
export function isItemJson(value: unknown): value is JsonItem {
  return isPlainObject(value) && Object.values(value).every(isAttributeJson);
}

const isString = (v: unknown) => typeof v === 'string';

/** Each AttributeValue member and the shape of its value. */
const ATTRIBUTE_SHAPES: Readonly<Record<string, (v: unknown) => boolean>> = {
  S: isString,
  N: isString,
  B: isString,
  BOOL: (v) => typeof v === 'boolean',
  NULL: (v) => v === true,
  SS: (v) => Array.isArray(v) && v.every(isString),
  NS: (v) => Array.isArray(v) && v.every(isString),
  BS: (v) => Array.isArray(v) && v.every(isString),
  L: (v) => Array.isArray(v) && v.every(isAttributeJson),
  M: isItemJson,
};

function isAttributeJson(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const members = Object.entries(value);
  if (members.length !== 1) return false;
  const [type, inner] = members[0]!;
  return ATTRIBUTE_SHAPES[type]?.(inner) ?? false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
