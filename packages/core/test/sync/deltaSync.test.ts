import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareTables, deltaSync, digestTable, FileCheckpointStore } from '../../src/index.js';
import { createTable, putItems, sandboxClient, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const keys = { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] } as const;

describe('deltaSync', () => {
  it('fills an empty destination and clears one that shares nothing with the source', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, keys);
    const destination = await createTable(client, keys);
    await putItems(source, simpleItems(700, true));
    const filled = await deltaSync(source, destination, { segments: 3, pageSize: 50 });
    expect(filled.counts).toMatchObject({ written: 700, deleted: 0 });

    const other = await createTable(client, keys);
    await putItems(
      other,
      simpleItems(300, true).map((i) => ({ ...i, sk: { S: `other-${i.sk!.S}` } })),
    );
    const replaced = await deltaSync(other, destination, { segments: 3, pageSize: 50 });
    expect(replaced.counts).toMatchObject({ written: 300, deleted: 700 });
    expect((await compareTables(other, destination)).equal).toBe(true);
  });

  it('resumes from its checkpoints after an interruption and writes nothing already equal', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, keys);
    const destination = await createTable(client, keys);
    const items = simpleItems(1000, true);
    await putItems(source, items);
    await putItems(destination, items.slice(0, 900));
    await putItems(
      destination,
      items.slice(900, 950).map((i) => ({ ...i, body: { S: 'stale' } })),
    );
    const checkpoints = new FileCheckpointStore(await mkdtemp(path.join(tmpdir(), 'dr-delta-')));
    const stop = new AbortController();
    const options = { segments: 2, pageSize: 50, checkpoints, runId: 'incident-delta' };
    const interrupted = await deltaSync(source, destination, {
      ...options,
      signal: stop.signal,
      onProgress: (p) => p.scanned > 600 && stop.abort(new Error('interrupted')),
    }).catch((e: unknown) => e);
    expect(interrupted).toEqual(new Error('interrupted'));

    const resumed = await deltaSync(source, destination, options);
    expect(resumed.destination).toEqual(await digestTable(source));
    // 50 changed + 50 missing at most (writes of the window cut short are not counted; redone, they are equal):
    // every source item is counted once, as written or as unchanged.
    expect(resumed.counts.written).toBeLessThanOrEqual(100);
    expect(resumed.counts.written + resumed.counts.unchanged).toBe(1000);
  });
});
