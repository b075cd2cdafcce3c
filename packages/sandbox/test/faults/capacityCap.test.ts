import {
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { createTable, filler, keysIn, sandboxClient } from './faultTestKit.js';

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = sandboxClient(sandbox);
  for (const table of ['units', 'tight', 'scanned', 'capped']) await createTable(ddb, table);
});
afterAll(() => sandbox.stop());

// 1.5 KB items: 2 write units; 1 read unit strongly consistent, 0.5 eventually consistent.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
const bigItem = (pk: string) => ({ pk: { S: pk }, data: { S: filler(1500) } });
const isThrottle = (error: Error) => {
  if (error.name !== 'ProvisionedThroughputExceededException') throw error;
  return undefined;
};

it('counts capacity units as AWS does, without showing ConsumedCapacity to a client that did not ask', async () => {
  sandbox.setFaults('units', {});
  const quiet = await ddb.send(new PutItemCommand({ TableName: 'units', Item: bigItem('a') }));
  expect(quiet.ConsumedCapacity).toBeUndefined();
  const asked = await ddb.send(
    new PutItemCommand({ TableName: 'units', Item: bigItem('b'), ReturnConsumedCapacity: 'TOTAL' }),
  );
  expect(asked.ConsumedCapacity).toMatchObject({ TableName: 'units', CapacityUnits: 2 });
  await ddb.send(new GetItemCommand({ TableName: 'units', Key: { pk: { S: 'a' } } }));
  await ddb.send(new GetItemCommand({ TableName: 'units', Key: { pk: { S: 'a' } }, ConsistentRead: true }));
  expect(sandbox.faultStats('units')).toMatchObject({ requests: 4, writeUnits: 4, readUnits: 1.5 });
});

it('admits batch items while the write bucket covers them and hands back the rest; a single write beyond it fails', async () => {
  sandbox.setFaults('tight', { writeUnitsPerSecond: 1, writeBurstUnits: 3 });
  const requests: WriteRequest[] = ['t1', 't2', 't3'].map((pk) => ({ PutRequest: { Item: bigItem(pk) } }));
  const result = await ddb.send(new BatchWriteItemCommand({ RequestItems: { tight: requests } }));
  // 3 units in the bucket: the first 2-unit item fits, the next two do not.
  expect(result.UnprocessedItems?.tight).toEqual(requests.slice(1));
  const error = await ddb.send(new PutItemCommand({ TableName: 'tight', Item: bigItem('t4') })).catch((e: Error) => e);
  expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  sandbox.setFaults('tight', undefined);
  expect(await keysIn(ddb, 'tight')).toEqual(['t1']);
});

it('serves a Scan while the read bucket is not empty, debits what it read, then throttles until repaid', async () => {
  await ddb.send(
    new BatchWriteItemCommand({
      RequestItems: { scanned: Array.from({ length: 20 }, (_, i) => ({ PutRequest: { Item: bigItem(`s${i}`) } })) },
    }),
  );
  sandbox.setFaults('scanned', { readUnitsPerSecond: 2 });
  const first = await ddb.send(new ScanCommand({ TableName: 'scanned', ReturnConsumedCapacity: 'TOTAL' }));
  expect(first.Count).toBe(20);
  // 20 x ~1.5 KB read in one page, rounded up to 4 KB as a whole, eventually consistent: 4 units.
  expect(first.ConsumedCapacity?.CapacityUnits).toBe(4);
  expect(sandbox.faultStats('scanned')?.readUnits).toBe(4);
  const second = await ddb.send(new ScanCommand({ TableName: 'scanned' })).catch((e: Error) => e);
  expect(second).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
});

it('holds a greedy writer to the cap: accepted write units per second equal the cap, and no acknowledged item is lost', async () => {
  const cap = 200;
  sandbox.setFaults('capped', { writeUnitsPerSecond: cap });
  const acknowledged: string[] = [];
  let nextKey = 0;
  const end = performance.now() + 3_000;
  const writer = async () => {
    let pending: WriteRequest[] = [];
    while (performance.now() < end) {
      while (pending.length < 25) pending.push({ PutRequest: { Item: { pk: { S: `c${nextKey++}` } } } });
      const result = await ddb.send(new BatchWriteItemCommand({ RequestItems: { capped: pending } })).catch(isThrottle);
      const unprocessed = result ? (result.UnprocessedItems?.capped ?? []) : pending;
      const back = new Set(unprocessed.map((w) => w.PutRequest?.Item?.pk?.S));
      for (const w of pending)
        if (!back.has(w.PutRequest?.Item?.pk?.S)) acknowledged.push(String(w.PutRequest?.Item?.pk?.S));
      pending = unprocessed;
      if (unprocessed.length) await sleep(10);
    }
  };
  // The first second includes the bucket's initial burst; the steady rate is measured after it.
  const steady = (async () => {
    await sleep(1_000);
    const from = { at: performance.now(), units: sandbox.faultStats('capped')?.writeUnits ?? 0 };
    await sleep(end - performance.now());
    const to = { at: performance.now(), units: sandbox.faultStats('capped')?.writeUnits ?? 0 };
    return (to.units - from.units) / ((to.at - from.at) / 1000);
  })();
  await Promise.all([writer(), writer(), writer(), writer()]);
  const rate = await steady;
  expect(rate / cap).toBeGreaterThan(0.8);
  expect(rate / cap).toBeLessThan(1.1);
  const stats = sandbox.faultStats('capped');
  // Over the whole run, too, the cap is both a ceiling and reachable.
  expect(stats?.writeUnits).toBeLessThanOrEqual(stats?.writeUnitsAllowed ?? 0);
  expect(stats?.writeUnits).toBeGreaterThan(0.8 * (stats?.writeUnitsAllowed ?? 0));
  expect(stats?.unprocessedItems).toBeGreaterThan(0);
  sandbox.setFaults('capped', undefined);
  expect(await keysIn(ddb, 'capped')).toEqual(acknowledged.sort());
});
