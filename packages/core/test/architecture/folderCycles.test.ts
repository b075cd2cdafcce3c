import { describe, expect, it } from 'vitest';
import { folderCycles, SOURCE_LAYOUTS } from '../../../../scripts/folderCycles.js';

// Folders are the units a newcomer reads: each may build on others, never on one that builds on it.
describe('the source folders', () => {
  it.each(Object.entries(SOURCE_LAYOUTS))('of %s import each other in no circle', async (_, layout) => {
    expect(await folderCycles(layout)).toEqual([]);
  });
});
