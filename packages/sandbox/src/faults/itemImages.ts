import type { DynamoEngine } from '../dynamodb/service.js';
import type { KeyNames } from '../dynamodb/store/tableInstance.js';
import { asImage, type ItemImage } from './capacityUnits.js';

type Json = Record<string, unknown>;

/** BatchGetItem reads at most 100 keys per call (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
const MAX_KEYS = 100;

/** The key of `item`: its key attributes only; `undefined` when one is missing. */
export function keyOf(keys: KeyNames, item: ItemImage): ItemImage {
  const hash = item?.[keys.hash];
  const range = keys.range === undefined ? undefined : item?.[keys.range];
  if (hash === undefined || (keys.range !== undefined && range === undefined)) return undefined;
  return keys.range === undefined ? { [keys.hash]: hash } : { [keys.hash]: hash, [keys.range]: range! };
}

/** The item a key holds now, read whole and strongly consistent; `undefined` when there is none. */
export async function currentItem(engine: DynamoEngine, table: string, key: ItemImage): Promise<ItemImage> {
  const out = await engine.call('GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return asImage(out.Item);
}

/** The items the keys hold now, in the keys' order (`undefined` where there is none), read whole and consistently. */
export async function currentItems(
  engine: DynamoEngine,
  table: string,
  keys: KeyNames,
  wanted: readonly ItemImage[],
): Promise<ItemImage[]> {
  const found = new Map<string, ItemImage>();
  for (let i = 0; i < wanted.length; i += MAX_KEYS) {
    let pending: unknown[] = wanted.slice(i, i + MAX_KEYS);
    while (pending.length > 0) {
      const out = (await engine.call('BatchGetItem', {
        RequestItems: { [table]: { Keys: pending, ConsistentRead: true } },
      })) as { Responses?: Record<string, Json[]>; UnprocessedKeys?: Record<string, { Keys?: unknown[] }> };
      for (const item of (out.Responses?.[table] ?? []) as ItemImage[]) found.set(keyString(keys, item), item);
      pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
    }
  }
  return wanted.map((key) => found.get(keyString(keys, key)));
}

function keyString(keys: KeyNames, item: ItemImage): string {
  return JSON.stringify([item?.[keys.hash], keys.range === undefined ? null : item?.[keys.range]]);
}

/** What narrows a read's answer without narrowing what it reads (and is charged for). */
const NARROWING = ['ProjectionExpression', 'AttributesToGet', 'FilterExpression', 'ScanFilter', 'QueryFilter'];

/** Whether a read's answer holds less than it read: a projection, a filter, or `Select` of less than whole items. */
export function answerIsNarrowed(request: Json): boolean {
  const select = request.Select;
  const whole = select === undefined || select === 'ALL_ATTRIBUTES' || select === 'ALL_PROJECTED_ATTRIBUTES';
  return !whole || NARROWING.some((field) => request[field] !== undefined);
}

/**
 * The items a Query or Scan page evaluated, whole: the page's own items; or,
 * when a filter, projection or `Select` narrowed them, the same page read
 * again without them (same start key, `Limit`, segment and key condition,
 * so DynamoDB evaluates the same items).
 */
export async function evaluatedItems(
  engine: DynamoEngine,
  operation: 'Query' | 'Scan',
  request: Json,
  answer: Json,
): Promise<ItemImage[]> {
  if (!answerIsNarrowed(request)) return ((answer.Items as Json[] | undefined) ?? []) as ItemImage[];
  const {
    ProjectionExpression: _projection,
    AttributesToGet: _attributes,
    FilterExpression: _filter,
    ScanFilter: _scanFilter,
    QueryFilter: _queryFilter,
    ConditionalOperator: _operator,
    Select: _select,
    ReturnConsumedCapacity: _capacity,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...whole
  } = request;
  // DynamoDB refuses placeholders no expression uses: keep those of the key condition only.
  const used = typeof whole.KeyConditionExpression === 'string' ? whole.KeyConditionExpression : '';
  const page = await engine.call(operation, {
    ...whole,
    ...placeholders('ExpressionAttributeNames', names, used),
    ...placeholders('ExpressionAttributeValues', values, used),
  });
  return ((page.Items as Json[] | undefined) ?? []) as ItemImage[];
}

function placeholders(field: string, all: unknown, expression: string): Json {
  const kept = Object.entries((all as Json | undefined) ?? {}).filter(([name]) =>
    new RegExp(`${name.replace(/[^\w]/g, '\\$&')}(?![\\w])`).test(expression),
  );
  return kept.length ? { [field]: Object.fromEntries(kept) } : {};
}
