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
