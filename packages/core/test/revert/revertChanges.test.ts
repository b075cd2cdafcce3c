import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportChange } from '../../src/revert/exportChanges.js';
import { exportPeriods } from '../../src/revert/exportPeriods.js';
import { revertChanges } from '../../src/revert/revertChanges.js';
import { segmentOf } from '../../src/revert/revertItems.js';
import { canonicalItem } from '../../src/sync/canonicalItem.js';

const k = (id: string) => ({ id: { S: id } });
const item = (id: string, v: number) => ({ ...k(id), v: { N: String(v) } });
const hours = (n: number) => n * 3600_000;

describe('a revert over a chain of exports', () => {
  it('splits a span longer than 24 hours into equal periods that cover it exactly', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date(from.getTime() + hours(50));
    const periods = exportPeriods('window', from, to);
    expect(periods).toHaveLength(3);
    expect(periods[0]!.from).toBe(from.toISOString());
    expect(periods.at(-1)!.to).toBe(to.toISOString());
    for (let i = 1; i < periods.length; i++) expect(periods[i]!.from).toBe(periods[i - 1]!.to);
    for (const p of periods) expect(Date.parse(p.to) - Date.parse(p.from)).toBeLessThanOrEqual(hours(24));
    expect(exportPeriods('window', from, new Date(from.getTime() + hours(24)))).toHaveLength(1);
  });

  it("takes a key's image at the time from the first period that changed it, and its end from the last", () => {
    const first = [
      { keys: k('a'), oldImage: item('a', 1), newImage: item('a', 2) },
      { keys: k('new'), newImage: item('new', 1) },
    ];
    const second = [
      { keys: k('a'), oldImage: item('a', 2), newImage: item('a', 3) },
      { keys: k('b'), oldImage: item('b', 1) },
      // First changed in the second period: its old image there is its image at the time.
      { keys: k('late'), oldImage: item('late', 9), newImage: item('late', 1) },
    ];
    const changes = revertChanges([first, second], [], 'skip');
    expect(changes.actions).toEqual([
      { key: k('a'), image: item('a', 1) },
      { key: k('b'), image: item('b', 1) },
      { key: k('late'), image: item('late', 9) },
      { key: k('new') },
    ]);
    // Changed in one period and back to its image at the time in the next: nothing to write.
    const undone = revertChanges(
      [
        [{ keys: k('s'), oldImage: item('s', 1), newImage: item('s', 2) }],
        [{ keys: k('s'), oldImage: item('s', 2), newImage: item('s', 1) }],
      ],
      [],
      'skip',
    );
    expect(undone).toEqual({ actions: [], conflicts: [], unchanged: 1 });
  });

  it('lists a key changed in the window and after it as a conflict, written only with overwrite', () => {
    const window = [[{ keys: k('c'), oldImage: item('c', 1), newImage: item('c', 2) }]];
    const later = [[{ keys: k('c'), oldImage: item('c', 2), newImage: item('c', 3) }]];
    expect(revertChanges(window, later, 'skip')).toEqual({ actions: [], conflicts: [k('c')], unchanged: 0 });
    expect(revertChanges(window, later, 'overwrite').actions).toEqual([{ key: k('c'), image: item('c', 1) }]);
  });

  it("decides each segment's share exactly as the whole: a step that holds one segment's changes writes, counts and lists what the whole would", () => {
    const change = fc.record({
      id: fc.integer({ min: 0, max: 30 }),
      old: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      next: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    });
    const exportOf = fc.uniqueArray(change, { selector: (c) => c.id, maxLength: 20 }).map((changes) =>
      changes.map(({ id, old, next }): ExportChange => {
        const key = k(`key-${id}`);
        return {
          keys: key,
          ...(old !== undefined && { oldImage: item(`key-${id}`, old) }),
          ...(next !== undefined && { newImage: item(`key-${id}`, next) }),
        };
      }),
    );
    fc.assert(
      fc.property(
        fc.array(exportOf, { minLength: 1, maxLength: 3 }),
        fc.array(exportOf, { maxLength: 2 }),
        fc.constantFrom('skip' as const, 'overwrite' as const),
        fc.integer({ min: 1, max: 8 }),
        (window, later, onConflict, segments) => {
          const whole = revertChanges(window, later, onConflict);
          const shares = Array.from({ length: segments }, (_, segment) => {
            const mine = (changes: readonly ExportChange[]) =>
              changes.filter((c) => segmentOf(c.keys, segments) === segment);
            return revertChanges(window.map(mine), later.map(mine), onConflict);
          });
          const byKey = (a: { key: object }, b: { key: object }) =>
            canonicalItem(a.key as never) < canonicalItem(b.key as never) ? -1 : 1;
          expect(shares.flatMap((s) => s.actions).sort(byKey)).toEqual([...whole.actions].sort(byKey));
          const keys = (list: readonly object[]) => list.map((key) => canonicalItem(key as never)).sort();
          expect(keys(shares.flatMap((s) => s.conflicts))).toEqual(keys(whole.conflicts));
          expect(shares.reduce((sum, s) => sum + s.unchanged, 0)).toBe(whole.unchanged);
        },
      ),
      { numRuns: 300 },
    );
  });
});
