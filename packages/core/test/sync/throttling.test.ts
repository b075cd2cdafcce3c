import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyTable,
  deltaSync,
  digestTable,
  emptyTable,
  FileCheckpointStore,
  UnwritableItemsError,
  itemFromJson,
  type JsonItem,
} from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const keys = { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] } as const;

async function filledPair(count: number) {
  const client = sandboxClient(sandbox);
  const source = await createTable(client, { ...keys });
  const destination = await createTable(client, { ...keys });
  await putItems(source, simpleItems(count, true));
  return { source, destination };
}

describe('under throttling', () => {
  it('with 30% of requests throttled on both tables, copy, delta and empty complete exactly', async () => {
    const { source, destination } = await filledPair(800);
    const expected = await digestTable(source);
    sandbox.setFaults(source.tableName, { throttleRate: 0.3, seed: 1 });
    sandbox.setFaults(destination.tableName, { throttleRate: 0.3, seed: 2 });

    const copied = await copyTable(source, destination, { segments: 4, pageSize: 250 });
    expect(copied.destination).toEqual(expected);

    await emptyTable(destination, { segments: 4 });
    sandbox.setFaults(destination.tableName, undefined);
    await putItems(
      destination,
      simpleItems(400, true).map((i) => ({ ...i, body: { S: 'stale' } })),
    );
    sandbox.setFaults(destination.tableName, { throttleRate: 0.3, seed: 3 });
    const synced = await deltaSync(source, destination, { segments: 4, pageSize: 250 });
    expect(synced.destination).toEqual(expected);
    expect(synced.counts.written).toBe(800);

    const stats = sandbox.faultStats(destination.tableName)!;
    // The faults really hit the run: requests were refused or items handed back, and all were retried.
    expect(stats.throttledRequests + stats.unprocessedItems).toBeGreaterThan(0);
    sandbox.setFaults(source.tableName, undefined);
    sandbox.setFaults(destination.tableName, undefined);
  });

  it('items handed back ride in the next full call instead of their own: calls stay near items / 25, nothing lost', async () => {
    const { source, destination } = await filledPair(1000);
    sandbox.setFaults(destination.tableName, { throttleRate: 0.3, seed: 4 });
    const result = await copyTable(source, destination, { segments: 4, pageSize: 250 });
    const stats = sandbox.faultStats(destination.tableName)!;
    sandbox.setFaults(destination.tableName, undefined);
    expect(result.destination).toEqual(await digestTable(source));
    // Every item sent is accepted once or handed back (counted in unprocessedItems); calls refused whole send more.
    const sent = 1000 + stats.unprocessedItems;
    const calls = stats.requestsByOperation.BatchWriteItem!;
    expect(stats.unprocessedItems).toBeGreaterThan(200);
    // Retried on their own, the leftovers of 40 calls of 25 would follow in 40 calls of ~8, then of ~2, ...:
    // about 160 calls, 9 items each. Merged, nearly every call is full: the tail of the run adds a few small ones.
    expect(sent / calls).toBeGreaterThan(18);
  });

  it('a copy into a table whose first scan is throttled retries it (the emptiness check is a read like any other)', async () => {
    const { source, destination } = await filledPair(50);
    // Seed 8's first draw (0.16) is below the rate: the destination's first data-plane request is refused.
    sandbox.setFaults(destination.tableName, { throttleRate: 0.3, seed: 8 });
    const result = await copyTable(source, destination, { segments: 2 });
    const stats = sandbox.faultStats(destination.tableName)!;
    sandbox.setFaults(destination.tableName, undefined);
    expect(stats.throttledRequests).toBeGreaterThan(0);
    expect(result.destination).toEqual(await digestTable(source));
  });

  it('a table capped at 400 write units/s is filled near its capacity without knowing it, nothing lost', async () => {
    const { source, destination } = await filledPair(1600);
    sandbox.setFaults(destination.tableName, { writeUnitsPerSecond: 400 });
    const result = await copyTable(source, destination, { segments: 4, pageSize: 250 });
    const stats = sandbox.faultStats(destination.tableName)!;
    sandbox.setFaults(destination.tableName, undefined);
    expect(result.destination).toEqual(await digestTable(source));
    // Throttling was met and adapted to: most of what the cap allowed was used (the benchmark measures it exactly).
    expect(stats.unprocessedItems + stats.throttledRequests).toBeGreaterThan(0);
    expect(stats.writeUnits / stats.writeUnitsAllowed!).toBeGreaterThan(0.7);
  });

  it('maxWriteUnitsPerSecond paces the writes itself: no throttling, and no faster than the cap', async () => {
    const { source, destination } = await filledPair(1200);
    sandbox.setFaults(destination.tableName, { writeUnitsPerSecond: 5000 });
    const started = performance.now();
    const result = await copyTable(source, destination, { segments: 4, maxWriteUnitsPerSecond: 600 });
    const seconds = (performance.now() - started) / 1000;
    const stats = sandbox.faultStats(destination.tableName)!;
    sandbox.setFaults(destination.tableName, undefined);
    expect(result.destination.count).toBe(1200);
    expect(stats.throttledRequests + stats.unprocessedItems).toBe(0);
    // 1200 one-unit writes at 600/s take at least ~2 s (less one small initial burst).
    expect(seconds).toBeGreaterThan(1.7);
  });
});

describe('when retries run out', () => {
  it('fails naming the unwritten keys, skips nothing, and the same run id finishes after the fault clears', async () => {
    const { source, destination } = await filledPair(400);
    const checkpoints = new FileCheckpointStore(await mkdtemp(path.join(tmpdir(), 'dr-exhausted-')));
    const options = { segments: 2, pageSize: 100, checkpoints, runId: 'incident-9' };
    // A write capacity so small that no write is ever accepted; reads are unaffected.
    sandbox.setFaults(destination.tableName, { writeUnitsPerSecond: 0.001, writeBurstUnits: 0.001 });

    const error = await copyTable(source, destination, {
      ...options,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnwritableItemsError);
    const unwritable = error as UnwritableItemsError;
    expect(unwritable.keys.length).toBeGreaterThan(0);
    expect(unwritable.message).toContain(JSON.stringify(unwritable.keys[0]));
    expect(unwritable.message).toContain(destination.tableName);
    const named = unwritable.keys.map((k) => JSON.stringify(itemFromJson(k as JsonItem)));
    const present = new Set((await scanAll(destination)).map((i) => JSON.stringify({ pk: i.pk, sk: i.sk })));
    expect(named.filter((k) => present.has(k))).toEqual([]);

    sandbox.setFaults(destination.tableName, undefined);
    const resumed = await copyTable(source, destination, options);
    expect(resumed.destination).toEqual(await digestTable(source));
  });
});
