import { BatchWriteItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FaultConfigError, startSandbox, type Sandbox } from '../../src/index.js';
import { createTable, keysIn, sandboxClient } from './faultTestKit.js';

let sandbox: Sandbox;
let ddb: DynamoDBClient;
beforeAll(async () => {
  sandbox = await startSandbox({ faults: { preset: { writeUnitsPerSecond: 50 } } });
  ddb = sandboxClient(sandbox);
  for (const table of ['admin', 'plain', 'preset']) await createTable(ddb, table);
});
afterAll(() => sandbox.stop());

const admin = (path: string, init?: RequestInit) => fetch(`${sandbox.endpoint}/_sandbox/faults${path}`, init);
const put = (table: string, pk: string) => ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk } } }));

it('applies faults given at start-up and lists them with their counters', async () => {
  const listed = (await (await admin('')).json()) as { tables: Record<string, unknown> };
  expect(listed.tables).toEqual({
    preset: { faults: { writeUnitsPerSecond: 50 }, stats: expect.objectContaining({ requests: 0, writeUnits: 0 }) },
  });
});

it('sets faults over HTTP, so that a sandbox in another process can be changed, and clears them', async () => {
  const set = await admin('/admin', { method: 'PUT', body: JSON.stringify({ throttleRate: 1 }) });
  expect(set.status).toBe(200);
  await expect(put('admin', 'a')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  expect(sandbox.faultStats('admin')).toMatchObject({ requests: 1, throttledRequests: 1 });

  expect((await admin('/admin', { method: 'DELETE' })).status).toBe(204);
  await put('admin', 'b');
  expect(sandbox.faultStats('admin')).toBeUndefined();
  expect(await keysIn(ddb, 'admin')).toEqual(['b']);
});

it('refuses a bad fault configuration with a message naming each value, and changes nothing', async () => {
  await admin('/admin', { method: 'PUT', body: JSON.stringify({ throttleRate: 0.5 }) });
  const bad = await admin('/admin', { method: 'PUT', body: JSON.stringify({ throttleRate: 1.5, writeUnits: 3 }) });
  expect(bad.status).toBe(400);
  const { message } = (await bad.json()) as { message: string };
  expect(message).toContain('throttleRate 1.5 is not a share from 0 to 1');
  expect(message).toContain('writeUnits 3 is not a fault setting (known: throttleRate, writeUnitsPerSecond');
  expect((await (await admin('/admin', { method: 'PUT', body: 'not json' })).json()) as object).toMatchObject({
    error: 'ValidationException',
  });

  expect(() => sandbox.setFaults('admin', { readUnitsPerSecond: 0 })).toThrow(
    /readUnitsPerSecond 0 is not a positive number of capacity units per second/,
  );
  expect(sandbox.faultStats('admin')).toBeDefined();
  const listed = (await (await admin('')).json()) as { tables: Record<string, { faults: unknown }> };
  expect(listed.tables.admin?.faults).toEqual({ throttleRate: 0.5 });
  sandbox.setFaults('admin', undefined);
});

it('refuses to start with bad faults', async () => {
  const started = startSandbox({ faults: { ok_table: { throttleRate: 0.1 }, x: { seed: 1.5 } } });
  await expect(started).rejects.toBeInstanceOf(FaultConfigError);
  await expect(started).rejects.toThrow(
    /^Bad faults for table "x": table "x" is not a DynamoDB table name .*; seed 1.5 is not a whole number\./,
  );
});

it('answers unknown admin routes and methods with clear errors', async () => {
  expect((await fetch(`${sandbox.endpoint}/_sandbox/other`)).status).toBe(404);
  expect((await admin('/admin', { method: 'POST', body: '{}' })).status).toBe(405);
});

it('passes requests through unchanged once no table has faults', async () => {
  expect((await admin('/preset', { method: 'DELETE' })).status).toBe(204);
  expect(await (await admin('')).json()).toEqual({ tables: {} });
  const items = Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `p${i}` } } } }));
  const batch = await ddb.send(new BatchWriteItemCommand({ RequestItems: { plain: items } }));
  expect(batch.UnprocessedItems).toEqual({});
  expect(batch.ConsumedCapacity).toBeUndefined();
  expect((await keysIn(ddb, 'plain')).length).toBe(25);
  expect(sandbox.faultStats('plain')).toBeUndefined();
  // DynamoDB's own validation errors come back as before.
  await expect(ddb.send(new PutItemCommand({ TableName: 'plain', Item: { other: { S: 'x' } } }))).rejects.toMatchObject(
    {
      name: 'ValidationException',
    },
  );
});
