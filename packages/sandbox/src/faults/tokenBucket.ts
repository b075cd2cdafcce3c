/**
 * A capacity cap: refills at `ratePerSecond` up to `burst` units. The balance
 * may go negative (a read debited after the fact, a write that turned out
 * bigger than estimated); the debt is repaid by refill before more is
 * admitted, so over time exactly `ratePerSecond` units pass, plus one burst.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly start: number;

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = this.start = now();
  }

  /** The balance now, after refill; zero or less means empty. */
  balance(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
    return this.tokens;
  }

  /**
   * Debits `units` if the balance covers them and is above zero (so a
   * request of unknown size, estimated at 0, passes only while the bucket
   * is not empty). A full bucket admits any request, so one item bigger than
   * the burst still passes (then the debt is repaid) instead of being
   * refused forever.
   */
  tryTake(units: number): boolean {
    const balance = this.balance();
    const covered = balance > 0 && balance >= units;
    if (!covered && balance < this.burst) return false;
    this.tokens -= units;
    return true;
  }

  /** Debits `units` unconditionally (credits when negative). */
  debit(units: number): void {
    this.balance();
    this.tokens -= units;
  }

  /** The most units the cap has allowed since the bucket was made: one burst plus the refill. */
  allowedSinceStart(): number {
    return this.burst + ((this.now() - this.start) / 1000) * this.ratePerSecond;
  }
}
