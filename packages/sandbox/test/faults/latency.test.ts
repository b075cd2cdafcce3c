import {
  BatchWriteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { expect, it } from 'vitest';
import { operationClass } from '../../src/faults/latencyFaults.js';
import { FaultConfigError, startSandbox } from '../../src/index.js';
import { keysIn, useSandbox } from './faultTestKit.js';

// A latency fault is a floor under each round trip: these tests check that a request takes at least the delay it
// was given (a bound a slow machine cannot break), never how fast anything else is.

const env = useSandbox(['slow', 'fast'], { latency: { write: { fixedMs: 60, jitterMs: 20 } } });

async function took(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}
const put = (table: string, pk: string) =>
  env.ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk } } }));
const admin = (init?: RequestInit) => fetch(`${env.sandbox.endpoint}/_sandbox/latency`, init);

it('classes operations as AWS round trips: single reads, writes, Query and Scan pages, and the control plane', () => {
  expect(['GetItem', 'BatchGetItem'].map(operationClass)).toEqual(['read', 'read']);
  expect(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].map(operationClass)).toEqual(Array(4).fill('write'));
  expect(['Query', 'Scan'].map(operationClass)).toEqual(['scan', 'scan']);
  expect(['CreateTable', 'DescribeTable', 'ListBackups'].map(operationClass)).toEqual(Array(3).fill('control'));
});

it('delays every request of a class by the global latency given at start-up, and writes what it was sent', async () => {
  expect(await took(() => put('fast', 'a'))).toBeGreaterThanOrEqual(60);
  expect(await keysIn(env.ddb, 'fast')).toEqual(['a']);
});

it("a table's own latency comes before the global one, and a batch waits for its slowest table", async () => {
  env.sandbox.setFaults('slow', { latency: { scan: { fixedMs: 80 }, write: { fixedMs: 150 } } });
  expect(await took(() => env.ddb.send(new ScanCommand({ TableName: 'slow' })))).toBeGreaterThanOrEqual(80);
  const batch = new BatchWriteItemCommand({
    RequestItems: {
      fast: [{ PutRequest: { Item: { pk: { S: 'b' } } } }],
      slow: [{ PutRequest: { Item: { pk: { S: 'b' } } } }],
    },
  });
  expect(await took(() => env.ddb.send(batch))).toBeGreaterThanOrEqual(150);
  env.sandbox.setFaults('slow', undefined);
  expect(await keysIn(env.ddb, 'slow')).toEqual(['b']);
});

it('sets, shows and clears the global latency over HTTP; a bad one is refused naming the field, nothing changed', async () => {
  const set = await admin({ method: 'PUT', body: JSON.stringify({ read: { fixedMs: 70 }, control: { fixedMs: 70 } }) });
  expect(set.status).toBe(200);
  expect(await (await admin()).json()).toEqual({ latency: { read: { fixedMs: 70 }, control: { fixedMs: 70 } } });
  expect(
    await took(() => env.ddb.send(new GetItemCommand({ TableName: 'fast', Key: { pk: { S: 'a' } } }))),
  ).toBeGreaterThanOrEqual(70);
  expect(await took(() => env.ddb.send(new DescribeTableCommand({ TableName: 'fast' })))).toBeGreaterThanOrEqual(70);

  const bad = await admin({ method: 'PUT', body: JSON.stringify({ reads: { fixedMs: 5 }, write: { fixedMs: -1 } }) });
  expect(bad.status).toBe(400);
  const { message } = (await bad.json()) as { message: string };
  expect(message).toContain(
    'latency.reads {"fixedMs":5} is not an operation class (known: read, write, scan, control)',
  );
  expect(message).toContain('latency.write.fixedMs -1 is not a number of milliseconds from 0 to 60000');
  expect(await (await admin()).json()).toEqual({ latency: { read: { fixedMs: 70 }, control: { fixedMs: 70 } } });
  expect(() => env.sandbox.setLatency({ scan: { fixedMs: 5, jitter: 5 } as never })).toThrow(FaultConfigError);

  expect((await admin({ method: 'DELETE' })).status).toBe(204);
  expect(await (await admin()).json()).toEqual({ latency: {} });
});

it('refuses a bad latency at start-up before anything starts', async () => {
  await expect(startSandbox({ latency: { write: { fixedMs: 1e9 } } })).rejects.toThrow(
    /Bad global latency: latency.write.fixedMs 1000000000 is not a number of milliseconds/,
  );
  await expect(startSandbox({ faults: { orders: { latency: { write: { jitterMs: 5 } } as never } } })).rejects.toThrow(
    /Bad faults for table "orders": latency.write.fixedMs undefined is missing/,
  );
});
