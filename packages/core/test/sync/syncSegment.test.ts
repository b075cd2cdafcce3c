import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  combineSegmentResults,
  digestTable,
  InputError,
  syncSegment,
  type SegmentRequest,
  type SegmentResult,
} from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
  // A Lambda worker finds its credentials (and here the endpoint) in the environment, as the AWS CLI would.
  for (const [name, value] of Object.entries(sandbox.env)) vi.stubEnv(name, value);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox.stop();
});

/** What a Lambda worker sees: the payload crosses a JSON boundary both ways. */
async function invoke(request: SegmentRequest): Promise<SegmentResult> {
  const result = await syncSegment(JSON.parse(JSON.stringify(request)) as SegmentRequest);
  return JSON.parse(JSON.stringify(result)) as SegmentResult;
}

describe('syncSegment: one segment per invocation, plain JSON in and out', () => {
  it('copies segment by segment in short time slices; the combined result verifies', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    await putItems(source, simpleItems(900, true));
    const where = { endpoint: sandbox.endpoint, region: sandbox.region };
    const totalSegments = 3;
    const results: SegmentResult[] = [];
    let invocations = 0;
    for (let segment = 0; segment < totalSegments; segment++) {
      let result: SegmentResult | undefined;
      do {
        // A zero time budget returns after every page, as a Lambda near its timeout would.
        result = await invoke({
          operation: 'copy',
          source: { ...where, tableName: source.tableName },
          destination: { ...where, tableName: destination.tableName },
          segment,
          totalSegments,
          pageSize: 100,
          timeBudgetMs: 0,
          checkpoints: result?.checkpoints,
        });
        invocations += 1;
      } while (!result.done);
      results.push(result);
    }
    expect(invocations).toBeGreaterThan(totalSegments * 2);
    const combined = combineSegmentResults(results);
    expect(combined.counts.written).toBe(900);
    expect(combined.digest).toEqual(await digestTable(source));
    expect(await digestTable(destination)).toEqual(combined.digest);

    // No endpoint in the payload: AWS_ENDPOINT_URL (set from the sandbox) is honoured.
    const digests = await Promise.all(
      [0, 1, 2].map((segment) =>
        invoke({ operation: 'digest', source: { tableName: destination.tableName }, segment, totalSegments }),
      ),
    );
    expect(combineSegmentResults(digests).digest).toEqual(combined.digest);
  });

  it('refuses to combine an incomplete set of segments', async () => {
    const client = sandboxClient(sandbox);
    const table = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(table, simpleItems(50));
    const where = { endpoint: sandbox.endpoint, region: sandbox.region, tableName: table.tableName };
    const one = await invoke({ operation: 'digest', source: where, segment: 0, totalSegments: 2 });
    expect(() => combineSegmentResults([one])).toThrow(/1 of 2 segments/);
  });

  it('refuses a bad request before touching anything', async () => {
    const client = sandboxClient(sandbox);
    const table = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(table, simpleItems(5));
    const where = { endpoint: sandbox.endpoint, region: sandbox.region, tableName: table.tableName };
    await expect(invoke({ operation: 'empty', destination: where, segment: 4, totalSegments: 4 })).rejects.toThrow(
      /segment 4 is not a segment of 4/,
    );
    await expect(
      invoke({ operation: 'copy', destination: where, segment: 0, totalSegments: 1 }),
    ).rejects.toBeInstanceOf(InputError);
    expect(await scanAll(table)).toHaveLength(5);
  });
});
