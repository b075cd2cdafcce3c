import { expect, it } from 'vitest';
import { TokenBucket } from '../../src/faults/tokenBucket.js';

/** A bucket on a clock the test moves by hand, so rates are exact and nothing depends on timing. */
function bucketAt(rate: number, burst: number) {
  let now = 0;
  const bucket = new TokenBucket(rate, burst, () => now);
  return { bucket, advance: (ms: number) => (now += ms) };
}

it('a greedy client gets exactly one burst plus the rate over time, no more', () => {
  const { bucket, advance } = bucketAt(100, 100);
  let accepted = 0;
  for (let ms = 0; ms < 60_000; ms += 5) {
    while (bucket.tryTake(1)) accepted += 1;
    advance(5);
  }
  // 60 s at 100 units/s plus the initial burst of 100.
  expect(accepted).toBeGreaterThanOrEqual(6099);
  expect(accepted).toBeLessThanOrEqual(6100);
  expect(bucket.allowedSinceStart()).toBe(6100);
});

it('a debit beyond the balance is a debt repaid before anything more is admitted', () => {
  const { bucket, advance } = bucketAt(10, 10);
  bucket.debit(30); // a read that turned out to cost 30 units: balance -20
  advance(2_000); // balance 0: empty
  expect(bucket.tryTake(1)).toBe(false);
  expect(bucket.tryTake(0)).toBe(false); // even a read of unknown size waits
  advance(100);
  expect(bucket.tryTake(1)).toBe(true);
});

it('a full bucket admits a request bigger than its burst, which is then paid back', () => {
  const { bucket, advance } = bucketAt(5, 5);
  expect(bucket.tryTake(400)).toBe(true);
  advance(60_000);
  expect(bucket.balance()).toBe(-95);
  expect(bucket.tryTake(1)).toBe(false);
});
