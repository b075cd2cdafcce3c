import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { TableRef } from '@dynamo-dr/core';

type Item = Record<string, AttributeValue>;

/** How long each phase of a {@link referenceReset} took. */
export interface ReferenceResetPhases {
  readonly deleteSeconds: number;
  readonly copySeconds: number;
}

/**
 * The reset of the reference Step Functions recovery system (the two-phase design this product replaces),
 * reimplemented as that design runs it: one thread; a delete phase that scans the destination in pages of 2,000
 * items and deletes each page, then a copy phase that scans the restored table in pages of 2,000 and writes each
 * page; BatchWriteItem calls of 25 in turn, UnprocessedItems resent at once, with no backoff and no verification.
 * A throttled call (scan or write) is sent again at once too. The keys are read from the items as that design
 * hard-codes them (`pk`, `sk`). Left out, in its favour: the Step Functions transition and Lambda invocation
 * between its pages.
 */
export async function referenceReset(source: TableRef, destination: TableRef): Promise<ReferenceResetPhases> {
  const started = performance.now();
  for await (const page of scanPages(destination)) {
    await writeAll(
      destination,
      page.map((item) => ({ DeleteRequest: { Key: { pk: item.pk!, sk: item.sk! } } })),
    );
  }
  const deleted = performance.now();
  for await (const page of scanPages(source)) {
    await writeAll(
      destination,
      page.map((item) => ({ PutRequest: { Item: item } })),
    );
  }
  return { deleteSeconds: (deleted - started) / 1000, copySeconds: (performance.now() - deleted) / 1000 };
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
