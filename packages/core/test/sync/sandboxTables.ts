import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type ScalarAttributeType,
} from '@aws-sdk/client-dynamodb';
import type { Sandbox } from '@dynamo-dr/sandbox';
import type { Item, TableRef } from '../../src/index.js';

/** A real SDK client pointed at a test's sandbox, with SDK retries off as recommended for the sync engine. */
export function sandboxClient(sandbox: Pick<Sandbox, 'endpoint' | 'region'>): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
}

export interface KeyDefinition {
  readonly partitionKey: readonly [string, ScalarAttributeType];
  readonly sortKey?: readonly [string, ScalarAttributeType];
}

let tableCounter = 0;

/** Creates an on-demand table with the given keys under a fresh name. */
export async function createTable(client: DynamoDBClient, keys: KeyDefinition, prefix = 't'): Promise<TableRef> {
  const tableName = `${prefix}-${process.pid}-${++tableCounter}`;
  const all = [keys.partitionKey, ...(keys.sortKey ? [keys.sortKey] : [])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: all.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
      KeySchema: [
        { AttributeName: keys.partitionKey[0], KeyType: 'HASH' },
        ...(keys.sortKey ? [{ AttributeName: keys.sortKey[0], KeyType: 'RANGE' as const }] : []),
      ],
    }),
  );
  return { client, tableName };
}

/** Writes items with plain BatchWriteItem calls (not through the engine under test). */
export async function putItems(table: TableRef, items: readonly Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const out = await table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
    }
  }
}

/** Every item of a table, read with a plain Scan (not through the engine under test). */
export async function scanAll(table: TableRef): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await table.client.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey }));
    items.push(...(out.Items ?? []));
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** `n` small items with a string partition key `pk` (and `sk` when `withSortKey`). */
export function simpleItems(n: number, withSortKey = false): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    pk: { S: `user#${i % (withSortKey ? 50 : n)}` },
    ...(withSortKey ? { sk: { S: `order#${i}` } } : {}),
    n: { N: String(i) },
    body: { S: `item ${i} `.repeat(5) },
  }));
}
