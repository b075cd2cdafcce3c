import type { TableDefinition } from '../dynamodb/store/tableDefinition.js';
import { corruptRestore, type RestoreCorruptionOutcome } from './restoreCorruption.js';
import type { TableFaults, TableFaultStats } from './tableFaults.js';
import { TokenBucket } from './tokenBucket.js';

/** Which capacity a request uses. */
export type CapacityKind = 'write' | 'read';

/** The run-time state of one table's faults: random draws, capacity buckets and counters. */
export class FaultedTable {
  private readonly random: () => number;
  private readonly buckets: Readonly<Partial<Record<CapacityKind, TokenBucket>>>;
  private readonly since = new Date().toISOString();
  private readonly units: Record<CapacityKind, number> = { write: 0, read: 0 };
  private requests = 0;
  private readonly byOperation: Record<string, number> = {};
  private throttledRequests = 0;
  private unprocessedItems = 0;
  /** Whether `corruptRestore` has yet to corrupt a restore. */
  private corruptionArmed: boolean;
  private readonly corruptions: RestoreCorruptionOutcome[] = [];

  constructor(readonly faults: TableFaults) {
    this.random = faults.seed === undefined ? Math.random : seededRandom(faults.seed);
    const { writeUnitsPerSecond: w, readUnitsPerSecond: r } = faults;
    this.buckets = {
      write: w === undefined ? undefined : new TokenBucket(w, faults.writeBurstUnits ?? w),
      read: r === undefined ? undefined : new TokenBucket(r, faults.readBurstUnits ?? r),
    };
    this.corruptionArmed = faults.corruptRestore !== undefined;
  }

  /** Whether the table's data-plane requests are watched (counted, faulted): unless it has only a restore fault. */
  get onDataPlane(): boolean {
    const { corruptRestore, ...dataPlane } = this.faults;
    return corruptRestore === undefined || Object.keys(dataPlane).length > 0;
  }

  /** What a restore of the table writes: `items`, corrupted by the first restore after `corruptRestore` was set. */
  restoredItems(items: ReadonlyMap<string, string>, definition: TableDefinition): ReadonlyMap<string, string> {
    const corruption = this.faults.corruptRestore;
    if (!corruption || !this.corruptionArmed) return items;
    this.corruptionArmed = false;
    const corrupted = corruptRestore(items, definition, corruption);
    this.corruptions.push(corrupted.outcome);
    return corrupted.items;
  }

  /** One draw of the random throttle: whether it refuses this request (or this batch entry). */
  throttledAtRandom(): boolean {
    const rate = this.faults.throttleRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  /**
   * Whether the capacity cap covers `units` (0 for a read whose cost is known
   * only once it has run: it passes while the bucket is not empty). Taken
   * units stay reserved until {@link settle}.
   */
  take(kind: CapacityKind, units: number): boolean {
    return this.buckets[kind]?.tryTake(units) ?? true;
  }

  /** A random draw, then the cap: whether one request (or batch entry) of `units` goes ahead. */
  admit(kind: CapacityKind, units: number): boolean {
    return !this.throttledAtRandom() && this.take(kind, units);
  }

  /** Replaces a reservation by the units the request really used (0 when it failed). */
  settle(kind: CapacityKind, reserved: number, used: number): void {
    this.buckets[kind]?.debit(used - reserved);
    this.units[kind] += used;
  }

  /** Runs a request holding a reservation of `units`; a request that fails is charged nothing. */
  async runReserved<T>(kind: CapacityKind, units: number, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.settle(kind, units, 0);
      throw error;
    }
  }

  /** Counts one request and how it was answered. */
  count(operation: string, outcome: { readonly throttled?: boolean; readonly unprocessed?: number }): void {
    this.requests += 1;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + 1;
    if (outcome.throttled) this.throttledRequests += 1;
    this.unprocessedItems += outcome.unprocessed ?? 0;
  }

  stats(): TableFaultStats {
    return {
      since: this.since,
      requests: this.requests,
      requestsByOperation: { ...this.byOperation },
      throttledRequests: this.throttledRequests,
      unprocessedItems: this.unprocessedItems,
      writeUnits: this.units.write,
      readUnits: this.units.read,
      writeUnitsAllowed: roundUnits(this.buckets.write?.allowedSinceStart()),
      readUnitsAllowed: roundUnits(this.buckets.read?.allowedSinceStart()),
      ...(this.faults.corruptRestore ? { restoreCorruptions: [...this.corruptions] } : {}),
    };
  }
}

function roundUnits(units: number | undefined): number | undefined {
  return units === undefined ? undefined : Math.round(units * 1000) / 1000;
}

/** mulberry32: a small, well-mixed 32-bit generator, so that a seed replays the same faults. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
