import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTable, digestTable, InputError, type Item, type SyncProgress } from '../../src/index.js';
import { createTable, putItems, sandboxClient, scanAll, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe('copyTable', () => {
  it('copies every item, reports progress and ends with equal digests', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    await putItems(source, simpleItems(1000, true));
    const progress: SyncProgress[] = [];
    const result = await copyTable(source, destination, {
      segments: 4,
      pageSize: 200,
      onProgress: (p) => progress.push(p),
    });
    expect(result.counts.written).toBe(1000);
    expect(result.destination).toEqual(result.source);
    expect(result.destination.count).toBe(1000);
    expect(await digestTable(destination)).toEqual(await digestTable(source));
    const lastSync = progress.filter((p) => p.phase === 'sync').at(-1)!;
    expect(lastSync).toMatchObject({ written: 1000, scanned: 1000, segmentsDone: 4, totalSegments: 4 });
    expect(progress.some((p) => p.phase === 'verify')).toBe(true);
  });

  it('refuses a destination that already holds items, and changes nothing', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(source, simpleItems(30));
    const existing: Item[] = [{ pk: { S: 'keep-me' } }];
    await putItems(destination, existing);
    const error = await copyTable(source, destination).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(destination.tableName);
    expect((error as InputError).message).toContain('deltaSync');
    expect(await scanAll(destination)).toEqual(existing);
  });

  it('refuses tables with different keys, and changes nothing', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['id', 'S'] });
    await putItems(source, simpleItems(10));
    await expect(copyTable(source, destination)).rejects.toThrow(/key schema/);
    expect(await scanAll(destination)).toEqual([]);
  });

  it('refuses unusable options before touching anything', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'] });
    await putItems(source, simpleItems(10));
    await expect(copyTable(source, destination, { segments: 0 })).rejects.toThrow(/segments 0 is not/);
    await expect(copyTable(source, destination, { maxWriteUnitsPerSecond: -5 })).rejects.toBeInstanceOf(InputError);
    expect(await scanAll(destination)).toEqual([]);
  });
});
