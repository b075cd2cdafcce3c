import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FileCheckpointStore,
  InputError,
  MemoryCheckpointStore,
  type CheckpointStore,
  type SegmentCheckpoint,
} from '../../src/index.js';

const checkpoint: SegmentCheckpoint = {
  operation: 'copy',
  tables: ['a', 'b'],
  segment: 1,
  totalSegments: 4,
  done: false,
  counts: { scanned: 10, written: 10, deleted: 0, unchanged: 0 },
  state: '{"cursor":{"pk":{"S":"x"}}}',
};

describe.each([
  ['FileCheckpointStore', async () => new FileCheckpointStore(await mkdtemp(path.join(tmpdir(), 'dr-cp-')))],
  ['MemoryCheckpointStore', async () => new MemoryCheckpointStore()],
] as [string, () => Promise<CheckpointStore>][])('%s', (_name, create) => {
  it('returns undefined for what was never saved or was cleared; saves and clears are idempotent', async () => {
    const store = await create();
    expect(await store.load('run-1', 'copy-1-of-4')).toBeUndefined();
    await store.save('run-1', 'copy-1-of-4', checkpoint);
    await store.save('run-1', 'copy-1-of-4', checkpoint);
    expect(await store.load('run-1', 'copy-1-of-4')).toEqual(checkpoint);
    expect(await store.load('run-1', 'copy-2-of-4')).toBeUndefined();
    expect(await store.load('run-2', 'copy-1-of-4')).toBeUndefined();
    await store.clear('run-1');
    await store.clear('run-1');
    await store.clear('never-existed');
    expect(await store.load('run-1', 'copy-1-of-4')).toBeUndefined();
  });
});

describe('FileCheckpointStore', () => {
  it('leaves no temporary file behind and refuses run ids that are not plain names', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'dr-cp-'));
    const store = new FileCheckpointStore(directory);
    await store.save('run-1', 'copy-1-of-4', checkpoint);
    expect(await readdir(path.join(directory, 'run-1'))).toEqual(['copy-1-of-4.json']);
    await expect(store.save('../escape', 'k', checkpoint)).rejects.toBeInstanceOf(InputError);
    expect(await readdir(directory)).toEqual(['run-1']);
  });
});
