import type { SandboxProcess } from './sandboxProcess.js';

/**
 * Faults that only count: capacity caps at AWS's default per-table quota of an on-demand table (40,000 read and
 * 40,000 write request units a second, https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html),
 * which nothing on this machine reaches. With them set, the sandbox counts every request's capacity units by
 * AWS's rules (docs/sandbox-faults.md), and that count is what a run consumed.
 */
export const AWS_TABLE_QUOTA = { writeUnitsPerSecond: 40_000, readUnitsPerSecond: 40_000 } as const;

/** An AWS-like round trip: every DynamoDB request waits 5 ms plus up to 5 ms of jitter, in every operation class. */
const CLASS_LATENCY = { fixedMs: 5, jitterMs: 5 };
export const AWS_LIKE_LATENCY = {
  read: CLASS_LATENCY,
  write: CLASS_LATENCY,
  scan: CLASS_LATENCY,
  control: CLASS_LATENCY,
} as const;

/** What one measured run did and cost. */
export interface RunMeasure {
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  /** CPU of this process (the engine or tool under test) per item, in microseconds. */
  readonly engineCpuMicrosPerItem: number;
  /** CPU of the sandbox (proxy and dynalite, another process) per item, in microseconds. */
  readonly sandboxCpuMicrosPerItem: number;
  /** Capacity units the run consumed on all its tables, counted by the sandbox as AWS counts them. */
  readonly writeUnits: number;
  readonly readUnits: number;
  readonly requests: number;
  readonly throttledRequests: number;
  readonly unprocessedItems: number;
}

/**
 * Runs `run` once and measures it: wall time, this process's CPU (process.cpuUsage: the sandbox runs in its own
 * process, so none of its work is in it), the sandbox's CPU, and the capacity units consumed on `tables`. The
 * faults `faults` are set on every table right before the run (which restarts their counters) and cleared after.
 * `items` is what the run is measured per (the table's size).
 */
export async function measureRun<T>(
  sandbox: SandboxProcess,
  tables: readonly string[],
  items: number,
  run: () => Promise<T>,
  faults: Record<string, number> = AWS_TABLE_QUOTA,
): Promise<RunMeasure & { readonly value: T }> {
  for (const table of tables) await sandbox.setFaults(table, faults);
  const sandboxCpu = await sandbox.cpuSeconds();
  const { value, seconds, engineCpuMicrosPerItem } = await timed(items, run);
  const sandboxSeconds = (await sandbox.cpuSeconds()) - sandboxCpu;
  const totals = { writeUnits: 0, readUnits: 0, requests: 0, throttledRequests: 0, unprocessedItems: 0 };
  for (const table of tables) {
    const stats = await sandbox.faultStats(table);
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += stats?.[key] ?? 0;
    await sandbox.setFaults(table, undefined);
  }
  return {
    value,
    items,
    seconds,
    itemsPerSecond: items / seconds,
    engineCpuMicrosPerItem,
    sandboxCpuMicrosPerItem: (sandboxSeconds * 1e6) / items,
    ...totals,
  };
}

/** What {@link timed} measured of one run: its wall time and this process's CPU per item. */
export interface Timed<T> {
  readonly value: T;
  readonly items: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  /** CPU of this process (the engine or tool under test) per item, in microseconds. */
  readonly engineCpuMicrosPerItem: number;
}

/** Runs `run` once: its wall time, and this process's CPU (`process.cpuUsage`) per one of its `items`. */
export async function timed<T>(items: number, run: () => Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    value,
    items,
    seconds,
    itemsPerSecond: items / seconds,
    engineCpuMicrosPerItem: (used.user + used.system) / items,
  };
}
