import { expect, it } from 'vitest';
import { itemSize } from '../../src/dynamodb/itemSize.js';
import { evaluatedUnits, readUnits, writeUnits } from '../../src/faults/capacityUnits.js';

// Sizes per https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
it('sizes items as AWS documents: names and values in UTF-8, numbers by significant digits, containers with overhead', () => {
  expect(itemSize({ pk: { S: 'abc' } })).toBe(2 + 3);
  expect(itemSize({ é: { S: 'é' } })).toBe(2 + 2);
  expect(itemSize({ n: { N: '-00123.4500' } })).toBe(1 + 3 + 1); // 12345: 5 digits, 3 bytes, +1
  expect(itemSize({ b: { B: Buffer.alloc(10).toString('base64') } })).toBe(1 + 10);
  expect(itemSize({ t: { BOOL: true }, z: { NULL: true } })).toBe(2 + 2);
  expect(itemSize({ l: { L: [{ S: 'ab' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
  expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + 1 + (1 + 1));
  expect(itemSize({ s: { SS: ['a', 'bc'] } })).toBe(1 + 3);
});

/** An item of exactly `bytes` bytes: the one-letter name `p` and a string of `bytes - 1` characters. */
const item = (bytes: number) => ({ p: { S: 'x'.repeat(bytes - 1) } });

// Units per https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
it('charges a write 1 unit per started KB of the larger of the item before and after, at least 1', () => {
  expect(writeUnits(item(1024))).toBe(1);
  expect(writeUnits(item(1025))).toBe(2);
  expect(writeUnits(item(1536))).toBe(2); // a 1.5 KB put
  expect(writeUnits(item(3 * 1024), item(512))).toBe(3); // a 0.5 KB item replacing a 3 KB one
  expect(writeUnits(item(2560), undefined)).toBe(3); // deleting a 2.5 KB item
  expect(writeUnits(undefined, undefined)).toBe(1); // deleting a key that holds nothing
});

it('charges a read 1 unit per started 4 KB of the whole item, half when eventually consistent; a miss costs a read', () => {
  expect(readUnits(item(1536), true)).toBe(1);
  expect(readUnits(item(1536), false)).toBe(0.5);
  expect(readUnits(item(8 * 1024), true)).toBe(2);
  expect(readUnits(item(8 * 1024 + 1), false)).toBe(1.5);
  expect(readUnits(item(10 * 1024), true)).toBe(3); // AWS's example: 10 KB rounds up to 12 KB
  expect(readUnits(undefined, true)).toBe(1);
  expect(readUnits(undefined, false)).toBe(0.5);
});

it('charges a Query or Scan page for the sum of the items it evaluated, rounded up to 4 KB once', () => {
  const tenOfOneKb = Array.from({ length: 10 }, () => item(1024));
  // 10 KB read: 3 blocks of 4 KB; 3 units strongly consistent, 1.5 eventually consistent.
  expect(evaluatedUnits(tenOfOneKb, true)).toBe(3);
  expect(evaluatedUnits(tenOfOneKb, false)).toBe(1.5);
  // AWS's example: 80 KB read eventually consistent consumes 10 units.
  expect(
    evaluatedUnits(
      Array.from({ length: 80 }, () => item(1024)),
      false,
    ),
  ).toBe(10);
  // Per item it would be 10 x 1 = 10 units: a page is rounded as a whole, not per item.
  expect(
    evaluatedUnits(
      Array.from({ length: 10 }, () => item(100)),
      true,
    ),
  ).toBe(1);
  expect(evaluatedUnits([], false)).toBe(0.5);
});
