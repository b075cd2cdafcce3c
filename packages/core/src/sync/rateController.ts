import { sleep } from './backoff.js';

/** A throttle signal cuts the rate to this share, but never below what DynamoDB accepted over the last second. */
const DECREASE = 0.9;
/**
 * While requests succeed the rate grows by this share per second. DECREASE x (1 + GROWTH) > 1: refusals that do not
 * follow the rate, met once a second, never collapse it.
 */
const GROWTH_PER_SECOND = 0.15;
/** At most one cut per second: responses to requests already in flight report the same congestion. */
const DECREASE_COOLDOWN_MS = 1000;
const WINDOW_MS = 1000;
/** The rate never drops below this many of the largest request seen per second, so progress never stalls. */
const MIN_REQUESTS_PER_SECOND = 4;
/** A pace measured over less than this is noise. */
const MIN_MEASURE_MS = 50;

/**
 * Paces requests against one table, in capacity units per second: a token
 * bucket whose rate is capped by the caller and adapted to throttling.
 *
 * With no cap it starts unpaced, unless handed the pace an earlier run ended
 * with ({@link continueFrom}), and stays unpaced until DynamoDB shows
 * pressure: a second in which at least half of the answered calls had most
 * of their units refused. Random throttling of a share of the items rarely
 * refuses most of a call (30% of 25 items, almost never 13 or more), a table
 * over its capacity refuses most of nearly every call. Only then does the
 * rate drop to what DynamoDB actually accepted over the last second. Paced,
 * a refusal (at most once a second) cuts the rate to that accepted rate, or
 * to 90% of the current rate if that is more; while requests succeed it
 * grows 15% a second. Against a capacity limit C the offered rate so settles
 * between C and ~1.15 C, so the table's capacity is used in full while at
 * most a few percent of requests are throttled and retried. A refusal while
 * the bucket is not what limits the pace (demand below the rate) cuts
 * nothing: the pace did not cause it. Refusals that do not follow the rate
 * (a hot key, the sandbox's random faults) so never pace an unpaced run,
 * and paced (a cap given, or a pace handed on) one cut a second and one
 * second of growth roughly cancel (0.9 x 1.15 > 1): the rate does not
 * collapse.
 */
export class RateController {
  private rate: number;
  private tokens: number;
  private refilledAt = performance.now();
  private grownAt = performance.now();
  private lastDecreaseAt = -Infinity;
  private readonly createdAt = performance.now();
  private waitedAt = -Infinity;
  private firstPressureAt = -Infinity;
  private largestRequest = 1;
  /** The calls answered over the last second: units accepted, and whether most of the call was refused. */
  private readonly answered: { at: number; units: number; pressure: boolean }[] = [];

  /**
   * @param cap most units per second, if any.
   * @param adaptive whether throttling lowers the pace (see {@link onThrottled}).
   */
  constructor(
    private readonly cap?: number,
    private readonly adaptive = true,
  ) {
    this.rate = cap ?? Infinity;
    this.tokens = cap ? Math.min(cap / 10, 25) : 0;
  }

  /** The current allowed rate in units per second (`Infinity` while unpaced). */
  get unitsPerSecond(): number {
    return this.rate;
  }

  /**
   * The pace another controller of the same table should start from (see
   * {@link continueFrom}): the current rate; or, unpaced but under pressure
   * (a run shorter than the second of measurement the first cut waits for),
   * what DynamoDB accepted since the pressure began — by then any burst
   * capacity is spent, so that is the table's rate. `undefined` when nothing
   * was learned: unpaced and never under pressure.
   */
  get pace(): number | undefined {
    if (this.rate !== Infinity) return this.rate;
    if (!this.adaptive || this.firstPressureAt === -Infinity) return undefined;
    const now = performance.now();
    const since = Math.max(this.firstPressureAt, now - WINDOW_MS);
    const units = this.answered.filter((a) => a.at >= since).reduce((s, a) => s + a.units, 0);
    // Too short a stretch to measure says nothing: the next call learns afresh.
    if (units === 0 || now - since < MIN_MEASURE_MS) return undefined;
    return Math.max(this.largestRequest * MIN_REQUESTS_PER_SECOND, (units / (now - since)) * 1000);
  }

  /**
   * Starts from the pace an earlier controller of the same table ended with,
   * so that a run made of many short calls (a segment in time slices) paces
   * as one long run would, instead of meeting throttling unpaced each time.
   */
  continueFrom(unitsPerSecond: number): void {
    this.rate = Math.min(this.cap ?? Infinity, unitsPerSecond);
    this.refilledAt = performance.now();
    this.tokens = Math.min(this.tokens, this.rate / 10, 25);
  }

  /** Waits until `units` may be spent. The bucket may go into debt by one request, so large items never starve. */
  async acquire(units: number, signal?: AbortSignal): Promise<void> {
    this.largestRequest = Math.max(this.largestRequest, units);
    for (;;) {
      if (this.rate === Infinity) return;
      this.refill();
      if (this.tokens >= 0) {
        this.tokens -= units;
        return;
      }
      this.waitedAt = performance.now();
      await sleep(Math.min(1000, Math.max(1, (-this.tokens / this.rate) * 1000)), signal);
    }
  }

  /** Corrects the bucket once DynamoDB reports what a request really consumed. */
  settle(estimated: number, actual: number | undefined): void {
    this.largestRequest = Math.max(this.largestRequest, actual ?? 0);
    if (actual !== undefined && this.rate !== Infinity) this.tokens += estimated - actual;
  }

  /**
   * Records what DynamoDB did with one call: the units it accepted and those
   * it refused (throttled, or handed back unprocessed). Acceptance lets the
   * rate grow back towards the cap; refusal may cut it (see the class).
   */
  onAnswer(accepted: number, refused: number): void {
    const now = performance.now();
    this.answered.push({ at: now, units: accepted, pressure: refused > accepted });
    this.trim(now);
    if (accepted > 0 && this.rate !== Infinity) {
      this.refill();
      const elapsed = Math.min(1, (now - this.grownAt) / 1000);
      this.rate = Math.min(this.cap ?? Infinity, this.rate * (1 + GROWTH_PER_SECOND * elapsed));
    }
    if (accepted > 0) this.grownAt = now;
    if (refused > 0) this.onRefused(now);
  }

  private onRefused(now: number): void {
    const pressured = this.answered.filter((a) => a.pressure).length;
    const underPressure = pressured * 2 >= this.answered.length;
    if (underPressure && this.firstPressureAt === -Infinity) this.firstPressureAt = now;
    if (!this.adaptive || now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    if (this.rate === Infinity) {
      // Unpaced, the first pace comes from a full second of what DynamoDB accepted, and only under pressure.
      if (now - this.createdAt < WINDOW_MS || !underPressure) return;
    } else if (now - this.waitedAt > WINDOW_MS) return;
    this.lastDecreaseAt = now;
    const units = this.answered.reduce((s, a) => s + a.units, 0);
    const acceptedRate = (units / WINDOW_MS) * 1000;
    this.refill();
    const next =
      this.rate === Infinity ? acceptedRate : Math.max(Math.min(acceptedRate, this.rate), this.rate * DECREASE);
    this.rate = Math.min(this.cap ?? Infinity, Math.max(this.largestRequest * MIN_REQUESTS_PER_SECOND, next));
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = performance.now();
    if (this.rate !== Infinity) {
      // A tenth of a second of burst: enough for one batch, small enough to keep the pace even.
      const burst = Math.max(this.rate / 10, 25);
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
    }
    this.refilledAt = now;
  }

  private trim(now: number): void {
    while (this.answered.length && now - this.answered[0]!.at > WINDOW_MS) this.answered.shift();
  }
}
