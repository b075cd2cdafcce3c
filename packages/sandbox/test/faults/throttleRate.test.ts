import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  PutItemCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { createTable, keysIn, sandboxClient } from './faultTestKit.js';

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = sandboxClient(sandbox);
  for (const table of ['rate', 'seeded', 'batch', 'allThrottled', 'reads']) await createTable(ddb, table);
});
afterAll(() => sandbox.stop());

const putItem = (table: string, pk: string) => new PutItemCommand({ TableName: table, Item: { pk: { S: pk } } });

/** Whether one put was throttled; any other error fails the test. */
const throttledPut = (table: string, pk: string): Promise<boolean> =>
  ddb.send(putItem(table, pk)).then(
    () => false,
    (error: Error) => {
      if (error.name !== 'ProvisionedThroughputExceededException') throw error;
      return true;
    },
  );

/** Which of `count` sequential puts were throttled, in order. */
async function throttledPuts(table: string, count: number): Promise<boolean[]> {
  const outcome: boolean[] = [];
  for (let i = 0; i < count; i++) outcome.push(await throttledPut(table, `k${i}`));
  return outcome;
}

it('throttles the configured share of requests, and only those fail to write', async () => {
  sandbox.setFaults('rate', { throttleRate: 0.3, seed: 11 });
  const keys = Array.from({ length: 400 }, (_, i) => `k${String(i).padStart(3, '0')}`);
  const outcome: boolean[] = [];
  for (let i = 0; i < keys.length; i += 20) {
    outcome.push(...(await Promise.all(keys.slice(i, i + 20).map((k) => throttledPut('rate', k)))));
  }
  const throttled = keys.filter((_, i) => outcome[i]);
  // Binomial(400, 0.3): sd 2.3 points; +-7 points is beyond 3 sd.
  expect(throttled.length / keys.length).toBeGreaterThan(0.23);
  expect(throttled.length / keys.length).toBeLessThan(0.37);
  expect(sandbox.faultStats('rate')).toMatchObject({ requests: 400, throttledRequests: throttled.length });
  sandbox.setFaults('rate', undefined);
  expect(await keysIn(ddb, 'rate')).toEqual(keys.filter((k) => !throttled.includes(k)));
});

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes
it("refuses a throttled request with AWS's error: ProvisionedThroughputExceededException, HTTP 400", async () => {
  sandbox.setFaults('rate', { throttleRate: 1 });
  const error = await ddb.send(putItem('rate', 'always')).catch((e: Error) => e);
  expect(error).toMatchObject({
    name: 'ProvisionedThroughputExceededException',
    message: expect.stringMatching(/^You exceeded your maximum allowed provisioned throughput/),
    $metadata: { httpStatusCode: 400 },
  });
});

it('replays the same faults for the same seed and the same requests', async () => {
  sandbox.setFaults('seeded', { throttleRate: 0.5, seed: 7 });
  const first = await throttledPuts('seeded', 40);
  sandbox.setFaults('seeded', { throttleRate: 0.5, seed: 7 });
  const second = await throttledPuts('seeded', 40);
  expect(second).toEqual(first);
  expect(first).toContain(true);
  expect(first).toContain(false);
});

// Partial batches, and the error only when nothing could be processed:
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
it('BatchWriteItem hands back a random share as UnprocessedItems, and writes exactly the others', async () => {
  sandbox.setFaults('batch', { throttleRate: 0.4, seed: 1 });
  const requests: WriteRequest[] = Array.from({ length: 25 }, (_, i) => ({
    PutRequest: { Item: { pk: { S: `b${String(i).padStart(2, '0')}` } } },
  }));
  const result = await ddb.send(new BatchWriteItemCommand({ RequestItems: { batch: requests } }));
  const unprocessed = (result.UnprocessedItems?.batch ?? []).map((w) => String(w.PutRequest?.Item?.pk?.S));
  expect(unprocessed.length).toBeGreaterThan(0);
  expect(unprocessed.length).toBeLessThan(25);
  const all = requests.map((w) => String(w.PutRequest?.Item?.pk?.S));
  sandbox.setFaults('batch', undefined);
  expect(await keysIn(ddb, 'batch')).toEqual(all.filter((k) => !unprocessed.includes(k)));
  // The unprocessed requests are handed back as sent, ready to resend.
  expect(result.UnprocessedItems?.batch).toEqual(
    requests.filter((w) => unprocessed.includes(String(w.PutRequest?.Item?.pk?.S))),
  );
});

it('fails a batch with ProvisionedThroughputExceededException only when none of its items could be processed', async () => {
  sandbox.setFaults('allThrottled', { throttleRate: 1 });
  const error = await ddb
    .send(new BatchWriteItemCommand({ RequestItems: { allThrottled: [{ PutRequest: { Item: { pk: { S: 'a' } } } }] } }))
    .catch((e: Error) => e);
  expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  expect(sandbox.faultStats('allThrottled')).toMatchObject({ requests: 1, throttledRequests: 1, unprocessedItems: 0 });
  // Items for an unfaulted table in the same call keep it from failing; only the faulted table's come back.
  const mixed = await ddb.send(
    new BatchWriteItemCommand({
      RequestItems: {
        allThrottled: [{ PutRequest: { Item: { pk: { S: 'b' } } } }],
        reads: [{ PutRequest: { Item: { pk: { S: 'c' } } } }],
      },
    }),
  );
  expect(mixed.UnprocessedItems).toEqual({ allThrottled: [{ PutRequest: { Item: { pk: { S: 'b' } } } }] });
  sandbox.setFaults('allThrottled', undefined);
  expect(await keysIn(ddb, 'allThrottled')).toEqual([]);
  expect(await keysIn(ddb, 'reads')).toEqual(['c']);
});

it('BatchGetItem returns some keys as UnprocessedKeys and the rest read', async () => {
  const keys = Array.from({ length: 20 }, (_, i) => ({ pk: { S: `r${i}` } }));
  await ddb.send(
    new BatchWriteItemCommand({ RequestItems: { reads: keys.map((Item) => ({ PutRequest: { Item } })) } }),
  );
  sandbox.setFaults('reads', { throttleRate: 0.5, seed: 3 });
  const result = await ddb.send(
    new BatchGetItemCommand({ RequestItems: { reads: { Keys: keys, ProjectionExpression: 'pk' } } }),
  );
  const read = (result.Responses?.reads ?? []).map((item) => String(item.pk?.S));
  const unprocessed = (result.UnprocessedKeys?.reads?.Keys ?? []).map((key) => String(key.pk?.S));
  expect(read.length).toBeGreaterThan(0);
  expect(unprocessed.length).toBeGreaterThan(0);
  expect([...read, ...unprocessed].sort()).toEqual(keys.map((k) => String(k.pk.S)).sort());
  expect(result.UnprocessedKeys?.reads?.ProjectionExpression).toBe('pk');
  expect(sandbox.faultStats('reads')?.unprocessedItems).toBe(unprocessed.length);
});
