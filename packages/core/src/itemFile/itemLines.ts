import type { Item } from '../aws/tableRef.js';
import { itemFromJson, itemToJson, type JsonItem } from '../sync/attributeJson.js';
import { attributeJsonDefinitions, ITEM_JSON_REF } from '../sync/attributeJsonSchema.js';
import { schemaCheck, type SchemaChecked } from '../validation/schemaCheck.js';
import { ITEM_CHANGE_KINDS, type ItemChange } from './itemChange.js';

/** A `dynamodb-json` line (without the newline): `{"Item":{...}}`, as AWS's export to S3 writes it. */
export function dynamoJsonLine(item: Item): string {
  return JSON.stringify({ Item: itemToJson(item) });
}

/** A diff line (without the newline); see {@link ItemChange}. */
export function changeLine(change: ItemChange): string {
  return JSON.stringify({
    change: change.change,
    key: itemToJson(change.key),
    left: change.left ? itemToJson(change.left) : null,
    right: change.right ? itemToJson(change.right) : null,
  });
}

/** A line of an item file parsed, or why it is not one: not JSON, or the first field off its schema. */
export type ParsedLine<T> = SchemaChecked<T>;

/** Parses a `dynamodb-json` line, checked by its schema. */
export function parseDynamoJsonLine(line: string): ParsedLine<Item> {
  const checked = parsedJson(line, checkDynamoJsonLine);
  return checked.ok ? { ok: true, value: itemFromJson(checked.value.Item) } : checked;
}

/** Parses a diff line, checked by its schema. */
export function parseChangeLine(line: string): ParsedLine<ItemChange> {
  const checked = parsedJson(line, checkChangeLine);
  if (!checked.ok) return checked;
  const { change, key, left, right } = checked.value;
  const side = (v: JsonItem | null): Item | null => (v === null ? null : itemFromJson(v));
  return { ok: true, value: { change, key: itemFromJson(key), left: side(left), right: side(right) } };
}

/**
 * A change record as one item, so that a diff file has a content digest like any item file: the same
 * `itemHash`/`combineDigests` over `{change, key, left, right}` (absent sides as NULL).
 */
export function changeAsItem(change: ItemChange): Item {
  return {
    change: { S: change.change },
    key: { M: change.key },
    left: change.left ? { M: change.left } : { NULL: true },
    right: change.right ? { M: change.right } : { NULL: true },
  };
}

function parsedJson<T>(line: string, check: (value: unknown) => SchemaChecked<T>): SchemaChecked<T> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: { path: [], value: undefined, problem: 'is not JSON' } };
  }
  return check(value);
}

// An AWS export line may carry more than `Item` (and a diff line more than its four fields): extra
// top-level fields are read past, as before; what is read is checked whole.
const checkDynamoJsonLine = schemaCheck<{ Item: JsonItem }>({
  definitions: attributeJsonDefinitions,
  type: 'object',
  required: ['Item'],
  properties: { Item: ITEM_JSON_REF },
});

const sideSchema = { anyOf: [{ type: 'null' }, ITEM_JSON_REF] };
const checkChangeLine = schemaCheck<{
  change: ItemChange['change'];
  key: JsonItem;
  left: JsonItem | null;
  right: JsonItem | null;
}>({
  definitions: attributeJsonDefinitions,
  type: 'object',
  required: ['change', 'key', 'left', 'right'],
  properties: { change: { enum: ITEM_CHANGE_KINDS }, key: ITEM_JSON_REF, left: sideSchema, right: sideSchema },
});
