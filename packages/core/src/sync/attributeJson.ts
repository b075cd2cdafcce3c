import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';
import { schemaCheck, type SchemaProblem } from '../validation/schemaCheck.js';
import { attributeJsonDefinitions, ITEM_JSON_REF } from './attributeJsonSchema.js';

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
 * Whether `value` is an item in DynamoDB JSON (what {@link itemToJson} writes and the AWS CLI prints), by
 * the schema of {@link attributeJsonDefinitions}. Files from users are checked with it before anything is
 * read from them into a table.
 */
export function isItemJson(value: unknown): value is JsonItem {
  return checkItemJson(value).ok;
}

/**
 * Where `value` is not an item in DynamoDB JSON: the first field off the schema (its path from the item); none
 * when it is one.
 *
 * @example
 * itemJsonProblem({ pk: { N: 1 } }); // { path: ['pk', 'N'], value: 1, problem: 'must be string' }
 */
export function itemJsonProblem(value: unknown): SchemaProblem | undefined {
  const checked = checkItemJson(value);
  return checked.ok ? undefined : checked.problem;
}

const checkItemJson = schemaCheck<JsonItem>({ definitions: attributeJsonDefinitions, ...ITEM_JSON_REF });
