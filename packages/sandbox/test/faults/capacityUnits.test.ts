import { expect, it } from 'vitest';
import { itemSize } from '../../src/dynamodb/itemSize.js';
import { consumedUnits, writeUnits } from '../../src/faults/capacityUnits.js';

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

it('charges a write unit per started KB, at least one', () => {
  const item = (bytes: number) => ({ p: { S: 'x'.repeat(bytes - 1) } });
  expect(writeUnits(item(1024))).toBe(1);
  expect(writeUnits(item(1025))).toBe(2);
  expect(writeUnits(undefined)).toBe(1);
});

it("reads a table's consumed units from single and batch responses", () => {
  expect(consumedUnits({ ConsumedCapacity: { TableName: 'a', CapacityUnits: 2 } }, 'a')).toBe(2);
  expect(consumedUnits({ ConsumedCapacity: [{ TableName: 'b', CapacityUnits: 1 }] }, 'a')).toBeUndefined();
  expect(consumedUnits({}, 'a')).toBeUndefined();
});
