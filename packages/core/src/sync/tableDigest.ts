import { createHash } from 'node:crypto';
import type { Item } from '../aws/tableRef.js';
import { canonicalItem } from './canonicalItem.js';

/**
 * What a table (or one scan segment of it) holds, in a form that combines
 * across segments in any order: the item count and the sum modulo 2^256 of
 * the SHA-256 of each item's canonical form, as 64 hex digits.
 */
export interface TableDigest {
  readonly count: number;
  readonly digest: string;
}

const MOD = 1n << 256n;

/** The digest of no items: the neutral element of {@link combineDigests}. */
export const EMPTY_DIGEST: TableDigest = { count: 0, digest: '0'.repeat(64) };

/** Combines digests of disjoint parts (segments, pages) into the digest of their union. */
export function combineDigests(...parts: readonly TableDigest[]): TableDigest {
  let count = 0;
  let sum = 0n;
  for (const part of parts) {
    count += part.count;
    sum += BigInt(`0x${part.digest}`);
  }
  return { count, digest: toHex(sum % MOD) };
}

/** Accumulates item digests page by page without keeping the items. */
export class DigestAccumulator {
  private count: number;
  private sum: bigint;

  constructor(start: TableDigest = EMPTY_DIGEST) {
    this.count = start.count;
    this.sum = BigInt(`0x${start.digest}`);
  }

  add(item: Item): void {
    this.addHash(itemHash(item));
  }

  /** Adds an item already hashed with {@link itemHash}. */
  addHash(hash: string): void {
    this.count += 1;
    this.sum += BigInt(`0x${hash}`);
  }

  value(): TableDigest {
    return { count: this.count, digest: toHex(this.sum % MOD) };
  }
}

/** SHA-256 of an item's canonical form, hex. Equal items (in DynamoDB's sense) hash equal. */
export function itemHash(item: Item): string {
  return createHash('sha256').update(canonicalItem(item)).digest('hex');
}

function toHex(n: bigint): string {
  return n.toString(16).padStart(64, '0');
}
