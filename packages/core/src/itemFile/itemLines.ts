import type { Item } from '../aws/tableRef.js';
import { isItemJson, itemFromJson, itemToJson } from '../sync/attributeJson.js';
import type { ItemChange } from './itemChange.js';

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

/** Parses a `dynamodb-json` line; undefined when the line is not one. */
export function parseDynamoJsonLine(line: string): Item | undefined {
  const item = parseObject(line)?.Item;
  return isItemJson(item) ? itemFromJson(item) : undefined;
}

/** Parses a diff line; undefined when the line is not one. */
export function parseChangeLine(line: string): ItemChange | undefined {
  const value = parseObject(line);
  const sideOk = (v: unknown) => v === null || isItemJson(v);
  if (
    !value ||
    !['added', 'removed', 'changed'].includes(value.change as string) ||
    !isItemJson(value.key) ||
    !sideOk(value.left) ||
    !sideOk(value.right)
  ) {
    return undefined;
  }
  const side = (v: unknown): Item | null => (isItemJson(v) ? itemFromJson(v) : null);
  return {
    change: value.change as ItemChange['change'],
    key: itemFromJson(value.key),
    left: side(value.left),
    right: side(value.right),
  };
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

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
