import { sleep } from './backoff.js';

/** How much a throttle signal cuts the rate: gentle, so the sawtooth stays near the table's capacity. */
const DECREASE = 0.85;
/** Per second, the rate grows by this share of the rate set at the last decrease. */
const RECOVERY_PER_SECOND = 0.1;
/** One cut per congestion event: responses to requests already in flight report the same event. */
const DECREASE_COOLDOWN_MS = 300;
const WINDOW_MS = 1000;

/**
 * Paces requests against one table in capacity units per second: a token
 * bucket whose rate is capped by the caller and adapted AIMD-style — cut on
 * throttling (to a share of what DynamoDB actually accepted over the last
 * second), grown linearly while requests succeed. With no cap and no
 * throttling it never waits.
 */
export class RateController {
  private rate: number;
  private floor = 1;
  private tokens = 0;
  private refilledAt = performance.now();
  private lastDecreaseAt = -Infinity;
  private increaseStep = 0;
  private grownAt = performance.now();
  private readonly accepted: { at: number; units: number }[] = [];

  constructor(private readonly cap?: number) {
    this.rate = cap ?? Infinity;
    this.tokens = cap ? Math.min(cap, 25) : 0;
  }

  /** The current allowed rate in units per second (`Infinity` when unpaced). */
  get unitsPerSecond(): number {
    return this.rate;
  }

  /** Waits until `units` may be spent. The bucket may go into debt by one request, so large items never starve. */
  async acquire(units: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.rate === Infinity) return;
      this.refill();
      if (this.tokens >= 0) {
        this.tokens -= units;
        return;
      }
      await sleep(Math.min(1000, Math.max(1, (-this.tokens / this.rate) * 1000)), signal);
    }
  }

  /** Corrects the bucket once DynamoDB reports what a request really consumed. */
  settle(estimated: number, actual: number | undefined): void {
    if (actual !== undefined && this.rate !== Infinity) this.tokens += estimated - actual;
  }

  /** Records units DynamoDB accepted, and lets the rate grow back towards the cap. */
  onAccepted(units: number): void {
    const now = performance.now();
    this.accepted.push({ at: now, units });
    this.trim(now);
    if (this.rate !== Infinity && this.increaseStep > 0) {
      this.refill();
      const elapsed = Math.min(1, (now - this.grownAt) / 1000);
      this.rate = Math.min(this.cap ?? Infinity, this.rate + this.increaseStep * elapsed);
    }
    this.grownAt = now;
  }

  /** DynamoDB throttled: cut to a share of the rate it accepted recently. */
  onThrottled(): void {
    const now = performance.now();
    if (now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    this.lastDecreaseAt = now;
    this.trim(now);
    const acceptedUnits = this.accepted.reduce((s, a) => s + a.units, 0);
    const span = Math.max(100, Math.min(WINDOW_MS, now - (this.accepted[0]?.at ?? now)));
    const acceptedRate = (acceptedUnits / span) * 1000;
    this.refill();
    const base = Math.min(this.rate, Math.max(acceptedRate, this.floor));
    this.rate = Math.max(this.floor, base * DECREASE);
    this.increaseStep = Math.max(1, this.rate * RECOVERY_PER_SECOND);
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = performance.now();
    if (this.rate !== Infinity) {
      const burst = Math.max(this.rate / 10, 25);
      this.tokens = Math.min(burst, this.tokens + ((now - this.refilledAt) / 1000) * this.rate);
    }
    this.refilledAt = now;
  }

  private trim(now: number): void {
    while (this.accepted.length && now - this.accepted[0]!.at > WINDOW_MS) this.accepted.shift();
  }
}
