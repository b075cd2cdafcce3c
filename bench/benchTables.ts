import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type AttributeDefinition,
  type BillingMode,
  type KeySchemaElement,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient, type Item, type TableRef } from '@dynamo-dr/core';

/**
 * The client of the whole benchmark (raw loop and engine alike): the one the engine recommends (SDK retries
 * off, no log filtering), with sandbox credentials from the environment.
 */
export function benchClient(endpoint: string): DynamoDBClient {
  process.env.AWS_ACCESS_KEY_ID ??= 'x';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'y';
  return createDynamoDbClient({ endpoint, region: 'us-east-1', maxAttempts: 1 });
}

/** The benchmark tables' definition: on demand, keys `pk` (hash) and `sk` (range), both strings. */
export const BENCH_TABLE: {
  readonly BillingMode: BillingMode;
  readonly AttributeDefinitions: AttributeDefinition[];
  readonly KeySchema: KeySchemaElement[];
} = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
};

export async function createTable(client: DynamoDBClient, tableName: string): Promise<TableRef> {
  await client.send(new CreateTableCommand({ TableName: tableName, ...BENCH_TABLE }));
  return { client, tableName };
}

/** Item `i` of the benchmark data: about 200 bytes, like the tables in docs/DESIGN. */
export function benchItem(i: number, version = 0): Item {
  return {
    pk: { S: `tenant#${String(i % 5000).padStart(5, '0')}` },
    sk: { S: `event#${String(i).padStart(9, '0')}` },
    amount: { N: `${i}.${version}5` },
    kind: { S: i % 3 ? 'payment' : 'refund' },
    note: { S: `event ${i} v${version} `.padEnd(120, '.') },
    ok: { BOOL: i % 2 === 0 },
  };
}

/**
 * The raw write ceiling: a tight loop of BatchWriteItem calls of 25
 * prepared items at `concurrency`, retrying only unprocessed items. Nothing
 * but the writes: no scan, no digest, no pacing. Returns items per second.
 */
export async function rawWrite(
  table: TableRef,
  from: number,
  to: number,
  concurrency: number,
  version = 0,
): Promise<number> {
  const started = performance.now();
  let next = from;
  const worker = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + 25);
      let pending: WriteRequest[] = [];
      for (let i = start; i < next; i++) pending.push({ PutRequest: { Item: benchItem(i, version) } });
      while (pending.length) {
        const out = await table.client.send(
          new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }),
        );
        pending = out.UnprocessedItems?.[table.tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (to - from) / ((performance.now() - started) / 1000);
}

/**
 * Makes `table` (a copy of `size` benchmark items) differ from them in `count` items, spread evenly over the keys: a
 * third updated (version 1 put over version 0), a third deleted, a third new keys after `size`. The same call on the
 * same table makes the same table: benchmarks that compare modes start each from the same change.
 */
export async function diverge(table: TableRef, size: number, count: number): Promise<void> {
  const requests = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor((k * size) / count);
    if (k % 3 === 0) requests.push({ PutRequest: { Item: benchItem(i, 1) } });
    else if (k % 3 === 1) requests.push({ DeleteRequest: { Key: { pk: benchItem(i).pk!, sk: benchItem(i).sk! } } });
    else requests.push({ PutRequest: { Item: benchItem(size + k) } });
  }
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    while (pending.length) {
      const out = await table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
    }
  }
}
