import type { Datapoint } from './cloudWatchStore.js';

/**
 * CloudWatch's statistics over the datapoints of one period.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** A percentile statistic: p0.0 to p100, up to two decimals (p99, p99.9). */
export const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100(\.0{1,2})?)$/;

/** The value of `stat` (a statistic or a percentile) over `points`; undefined when it has none (no data, or a percentile of statistic sets). */
export function statisticOf(points: readonly Datapoint[], stat: string): number | undefined {
  if (!points.length) return undefined;
  switch (stat) {
    case 'SampleCount':
      return sum(points, (p) => p.sampleCount);
    case 'Sum':
      return sum(points, (p) => p.sum);
    case 'Average':
      return sum(points, (p) => p.sum) / sum(points, (p) => p.sampleCount);
    case 'Minimum':
      return Math.min(...points.map((p) => p.min));
    case 'Maximum':
      return Math.max(...points.map((p) => p.max));
  }
  if (!PERCENTILE.test(stat) || points.some((p) => !p.values)) return undefined;
  return percentile(
    points.flatMap((p) => p.values ?? []),
    Number(stat.slice(1)),
  );
}

/** Nearest-rank percentile of weighted values. */
function percentile(values: (readonly [number, number])[], p: number): number | undefined {
  const sorted = [...values].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, count]) => n + count, 0);
  const rank = Math.max(Math.ceil((p / 100) * total), 1);
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted.at(-1)?.[0];
}

function sum(points: readonly Datapoint[], of: (p: Datapoint) => number): number {
  return points.reduce((n, p) => n + of(p), 0);
}

/**
 * The datapoints of `[startMs, endMs)` grouped into periods aligned on the
 * epoch (a period starts at a multiple of its length), keyed by period start,
 * only those of `unit` when one is given.
 */
export function periodsOf(
  points: readonly Datapoint[],
  range: { readonly startMs: number; readonly endMs: number; readonly periodSeconds: number; readonly unit?: string },
): Map<number, Datapoint[]> {
  const periodMs = range.periodSeconds * 1000;
  const periods = new Map<number, Datapoint[]>();
  for (const point of points) {
    if (point.t < range.startMs || point.t >= range.endMs) continue;
    if (range.unit !== undefined && point.unit !== range.unit) continue;
    const start = Math.floor(point.t / periodMs) * periodMs;
    const list = periods.get(start);
    if (list) list.push(point);
    else periods.set(start, [point]);
  }
  return new Map([...periods].sort((a, b) => a[0] - b[0]));
}
