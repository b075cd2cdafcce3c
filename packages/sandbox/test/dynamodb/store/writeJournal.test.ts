import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { WriteJournal } from '../../../src/dynamodb/store/writeJournal.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-journal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('gives the state at any millisecond, including writes in the same millisecond as T', () => {
  const journal = new WriteJournal();
  journal.append(100, 'a', '{"v":1}');
  journal.append(100, 'b', '{"v":1}');
  journal.append(105, 'a', null);
  journal.append(110, 'a', '{"v":2}');
  expect([...journal.stateAt(99)]).toEqual([]);
  expect([...journal.stateAt(100)]).toEqual([
    ['a', '{"v":1}'],
    ['b', '{"v":1}'],
  ]);
  expect([...journal.stateAt(107)]).toEqual([['b', '{"v":1}']]);
  expect(new Map(journal.stateAt(110))).toEqual(
    new Map([
      ['a', '{"v":2}'],
      ['b', '{"v":1}'],
    ]),
  );
  expect(journal.itemCount).toBe(2);
});

it('reloads from its file, dropping a torn last line, and keeps appending', async () => {
  const file = path.join(dir, 'j.log');
  const first = WriteJournal.load(file);
  first.append(1, '["k"]', '{"pk":{"S":"k"}}');
  first.append(2, '["j"]', '{"pk":{"S":"j"}}');
  await first.close();
  fs.appendFileSync(file, '3\t["x"]\t{"pk":'); // the process died mid-line
  const second = WriteJournal.load(file);
  expect([...second.current.keys()]).toEqual(['["k"]', '["j"]']);
  second.append(4, '["k"]', null);
  await second.close();
  const third = WriteJournal.load(file);
  expect([...third.current.keys()]).toEqual(['["j"]']);
  expect(third.length).toBe(3);
  await third.close();
});

/** A journal of `writes` writes over `keys` keys, one per millisecond from 1, every tenth a delete; and a copy never folded. */
function journals(writes: number, keys: number, file?: string): { folded: WriteJournal; whole: WriteJournal } {
  const folded = file ? WriteJournal.load(file) : new WriteJournal();
  const whole = new WriteJournal();
  for (let i = 1; i <= writes; i++) {
    const key = `["k${(i * 7) % keys}"]`;
    const item = i % 10 === 0 ? null : `{"v":${i}}`;
    folded.append(i, key, item);
    whole.append(i, key, item);
  }
  return { folded, whole };
}

it('folds entries up to a cutoff into a base state: every time from the cutoff on gives the same state as before', () => {
  const { folded, whole } = journals(1000, 20);
  const count = folded.foldable(600);
  expect(count).toBe(600);
  folded.fold(count, 600);
  expect(folded.oldestMs).toBe(600);
  expect(folded.keptEntries).toBe(400);
  expect(folded.length).toBe(1000);
  for (let t = 600; t <= 1001; t++) expect(folded.stateAt(t), `state at ${t}`).toEqual(whole.stateAt(t));
  for (const count of [600, 601, 850, 1000]) expect(folded.stateAfter(count)).toEqual(whole.stateAfter(count));
  expect(folded.writesBetween(600, 900)).toEqual(whole.writesBetween(600, 900));
  expect(folded.current).toEqual(whole.current);
  // What was folded cannot be asked for (the restorable window never reaches before the cutoff).
  expect(() => folded.stateAt(599)).toThrow(/holds no state before/);
  expect(() => folded.stateAfter(599)).toThrow(/folded its first 600 writes/);
});

it('folds only when enough can go: at least 256 entries, and at least as many as it keeps', () => {
  const { folded } = journals(1000, 20);
  expect(folded.foldable(255)).toBe(0); // fewer than 256
  expect(folded.foldable(499)).toBe(0); // fewer than the 501 it would keep
  expect(folded.foldable(500)).toBe(500);
});

it('a folded journal reloads from its file, keeps appending, and ignores a temporary file a kill left behind', async () => {
  const file = path.join(dir, 'folded.log');
  const { folded, whole } = journals(1000, 20, file);
  folded.fold(folded.foldable(700), 700);
  folded.append(1001, '["k1"]', '{"v":1001}');
  whole.append(1001, '["k1"]', '{"v":1001}');
  await folded.close();
  // The header, one line per item at the cutoff, the 301 entries after it: nothing folded is left.
  expect(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1 + whole.stateAt(700).size + 301);
  fs.writeFileSync(`${file}.tmp`, '#base\t900\t1\n=\t["k1"]\t{"v":"half-written'); // killed while folding again
  const reloaded = WriteJournal.load(file);
  expect(reloaded.length).toBe(1001);
  expect(reloaded.oldestMs).toBe(700);
  for (let t = 700; t <= 1001; t += 13) expect(reloaded.stateAt(t)).toEqual(whole.stateAt(t));
  expect(reloaded.current).toEqual(whole.current);
  await reloaded.close();
});
