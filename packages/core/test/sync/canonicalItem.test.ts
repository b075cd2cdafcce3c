import { describe, expect, it } from 'vitest';
import { canonicalItem, normalizeNumber } from '../../src/sync/canonicalItem.js';
import { combineDigests, itemHash, type TableDigest } from '../../src/sync/tableDigest.js';

describe('canonical item form', () => {
  it('spells each DynamoDB number one way, keeping all 38 digits', () => {
    expect(normalizeNumber('1.0')).toBe(normalizeNumber('1'));
    expect(normalizeNumber('10E-1')).toBe(normalizeNumber('1'));
    expect(normalizeNumber('-1.50E+3')).toBe(normalizeNumber('-1500'));
    expect(normalizeNumber('0.000')).toBe(normalizeNumber('-0'));
    expect(normalizeNumber('12345678901234567890123456789012345678')).not.toBe(
      normalizeNumber('12345678901234567890123456789012345679'),
    );
  });

  it('ignores map key order and set order, but not list order', () => {
    const a = canonicalItem({ x: { N: '1' }, m: { M: { b: { S: 'b' }, a: { SS: ['q', 'p'] } } } });
    const b = canonicalItem({ m: { M: { a: { SS: ['p', 'q'] }, b: { S: 'b' } } }, x: { N: '1.00' } });
    expect(a).toBe(b);
    const l1 = canonicalItem({ l: { L: [{ S: 'a' }, { S: 'b' }] } });
    const l2 = canonicalItem({ l: { L: [{ S: 'b' }, { S: 'a' }] } });
    expect(l1).not.toBe(l2);
  });

  it('tells types apart: the string "1" is not the number 1, an empty binary is not an empty string', () => {
    expect(itemHash({ v: { S: '1' } })).not.toBe(itemHash({ v: { N: '1' } }));
    expect(itemHash({ v: { B: new Uint8Array() } })).not.toBe(itemHash({ v: { S: '' } }));
  });

  it('combines segment digests in any order to the same table digest', () => {
    const parts: TableDigest[] = ['a', 'b', 'c'].map((k) => ({ count: 1, digest: itemHash({ k: { S: k } }) }));
    const forward = combineDigests(...parts);
    const backward = combineDigests(...[...parts].reverse());
    expect(forward).toEqual(backward);
    expect(forward.count).toBe(3);
    expect(combineDigests(combineDigests(parts[0]!, parts[1]!), parts[2]!)).toEqual(forward);
  });
});
