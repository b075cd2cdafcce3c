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

it('trimmed to a cutoff, gives the same states from the cutoff on and keeps counting every write', () => {
  const journal = new WriteJournal();
  journal.append(100, 'a', '{"v":1}');
  journal.append(100, 'b', '{"v":1}');
  journal.append(200, 'a', null);
  journal.append(300, 'c', '{"v":1}');
  journal.append(400, 'b', '{"v":2}');
  const before = [250, 300, 399, 400].map((t) => journal.stateAt(t));
  const cut = journal.stateAfter(4);

  expect(journal.trimBefore(300)).toBe(3);
  expect(journal.keptEntries).toBe(2);
  expect(journal.length).toBe(5);
  expect([250, 300, 399, 400].map((t) => journal.stateAt(t))).toEqual(before);
  expect(journal.stateAfter(4)).toEqual(cut);
  expect(() => journal.stateAfter(2)).toThrow(/trimmed/);
  expect(new Map(journal.current)).toEqual(
    new Map([
      ['b', '{"v":2}'],
      ['c', '{"v":1}'],
    ]),
  );
});

it('never trims from a kept cut on', () => {
  const journal = new WriteJournal();
  for (let t = 1; t <= 5; t++) journal.append(t, 'a', `{"v":${t}}`);
  expect(journal.trimBefore(5, 2)).toBe(2);
  expect(journal.stateAfter(2)).toEqual(new Map([['a', '{"v":2}']]));
  expect(journal.trimBefore(5, 2)).toBe(0);
  expect(journal.trimBefore(5)).toBe(2);
  expect(journal.stateAfter(4)).toEqual(new Map([['a', '{"v":4}']]));
});
