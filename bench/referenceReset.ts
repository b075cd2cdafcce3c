import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { TableRef } from '@dynamo-dr/core';

type Item = Record<string, AttributeValue>;

/**
 * The reset the reference recovery system runs, reimplemented as its design describes it: one thread, scan pages of
 * 2,000 items, delete every destination item, then copy every source item, in BatchWriteItem calls of 25 that
 * resend UnprocessedItems at once, with no backoff and no verification. A throttled call (scan or write) is sent
 * again at once too. The keys are read from the items, as the reference design hard-codes them (`pk`, `sk`).
 */
export async function referenceReset(source: TableRef, destination: TableRef): Promise<void> {
  for await (const page of scanPages(destination)) {
    await writeAll(
      destination,
      page.map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } })),
    );
  }
  for await (const page of scanPages(source)) {
    await writeAll(
      destination,
      page.map((item) => ({ PutRequest: { Item: item } })),
    );
  }
}

async function* scanPages(table: TableRef): AsyncGenerator<Item[]> {
  let start: Item | undefined;
  do {
    const page = await untilAccepted(() =>
      table.client.send(new ScanCommand({ TableName: table.tableName, Limit: 2000, ExclusiveStartKey: start })),
    );
    yield page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}

async function writeAll(table: TableRef, requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    while (pending.length) {
      const out = await untilAccepted(() =>
        table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } })),
      );
      pending = out.UnprocessedItems?.[table.tableName] ?? [];
    }
  }
}

async function untilAccepted<T>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if ((error as Error).name !== 'ProvisionedThroughputExceededException') throw error;
    }
  }
}
