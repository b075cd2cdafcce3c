import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { digestTable, InputError, syncSegment, type SegmentRequest, type SegmentResult } from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  // A Lambda worker finds its credentials in the environment, as the AWS CLI would.
  for (const [name, value] of Object.entries(sandbox.env)) vi.stubEnv(name, value);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox.stop();
});

const keys = { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] } as const;
/** The destination's write cap, with a tenth of a second of burst so that it bites from the start. */
const CAP = 500;

/** A segment copied in short time slices, as the restore workflow runs it; returns the slices and throttles. */
async function copyInSlices(sourceName: string, carryPace: boolean) {
  const destination = await createTable(sandboxClient(sandbox), keys);
  sandbox.setFaults(destination.tableName, { writeUnitsPerSecond: CAP, writeBurstUnits: CAP / 10 });
  const where = { endpoint: sandbox.endpoint, region: sandbox.region };
  let result: SegmentResult | undefined;
  let slices = 0;
  do {
    const request: SegmentRequest = {
      operation: 'copy',
      source: { ...where, tableName: sourceName },
      destination: { ...where, tableName: destination.tableName },
      segment: 0,
      totalSegments: 1,
      pageSize: 100,
      timeBudgetMs: 100,
      checkpoints: result?.checkpoints,
      pace: carryPace ? result?.pace : undefined,
    };
    // The payloads cross a JSON boundary both ways, as between Step Functions and a Lambda worker.
    result = JSON.parse(JSON.stringify(await syncSegment(JSON.parse(JSON.stringify(request))))) as SegmentResult;
    slices += 1;
  } while (!result.done);
  const stats = sandbox.faultStats(destination.tableName)!;
  sandbox.setFaults(destination.tableName, undefined);
  return { result, slices, throttled: stats.throttledRequests + stats.unprocessedItems, destination };
}

describe('segment pace: a segment synced in time slices paces like one long run', () => {
  it('carrying `pace` from slice to slice is throttled markedly less under a write cap, with the exact result', async () => {
    const source = await createTable(sandboxClient(sandbox), keys);
    await putItems(source, simpleItems(1000, true));
    const expected = await digestTable(source);

    const fresh = await copyInSlices(source.tableName, false);
    const carried = await copyInSlices(source.tableName, true);

    for (const run of [fresh, carried]) {
      expect(run.slices).toBeGreaterThan(5);
      expect(run.result.digest).toEqual(expected);
      expect(await digestTable(run.destination)).toEqual(expected);
    }
    // Every slice starting unpaced bursts into the cap; carried, only the first does, then the pace hovers at
    // the cap (typically 4-10x fewer throttles; half is the margin for a loaded machine).
    expect(carried.result.pace?.writeUnitsPerSecond).toBeGreaterThan(0);
    expect(fresh.throttled).toBeGreaterThan(100);
    expect(carried.throttled * 2).toBeLessThan(fresh.throttled);
  });

  it('random throttling is not pressure: a slice under 30% random refusals hands on no pace, and loses nothing', async () => {
    const source = await createTable(sandboxClient(sandbox), keys);
    await putItems(source, simpleItems(1500, true));
    const destination = await createTable(sandboxClient(sandbox), keys);
    sandbox.setFaults(destination.tableName, { throttleRate: 0.3, seed: 5 });
    const where = { endpoint: sandbox.endpoint, region: sandbox.region };
    const result = await syncSegment({
      operation: 'copy',
      source: { ...where, tableName: source.tableName },
      destination: { ...where, tableName: destination.tableName },
      segment: 0,
      totalSegments: 1,
    });
    const stats = sandbox.faultStats(destination.tableName)!;
    sandbox.setFaults(destination.tableName, undefined);
    expect(stats.unprocessedItems).toBeGreaterThan(300);
    expect(result.done).toBe(true);
    expect(await digestTable(destination)).toEqual(await digestTable(source));
    // The next slice starts unpaced: slowing down would not have refused fewer items.
    expect(result.pace).toBeUndefined();
  });

  it('refuses a pace that is not one a result gave, before touching anything', async () => {
    const table = await createTable(sandboxClient(sandbox), { partitionKey: ['pk', 'S'] });
    await putItems(table, simpleItems(5));
    const where = { endpoint: sandbox.endpoint, region: sandbox.region, tableName: table.tableName };
    const request = { operation: 'empty', destination: where, segment: 0, totalSegments: 1 } as const;
    for (const pace of [{ writeUnitsPerSecond: -1 }, { writeUnitsPerSecond: 'fast' }, { rate: 5 }, 7]) {
      const refused = syncSegment({ ...request, pace } as unknown as SegmentRequest);
      await expect(refused).rejects.toBeInstanceOf(InputError);
      await expect(refused).rejects.toThrow(/pace/);
    }
    expect(await scanAll(table)).toHaveLength(5);
  });
});
