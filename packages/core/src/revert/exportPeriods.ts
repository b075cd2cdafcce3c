import { MAX_EXPORT_PERIOD_MS, type ExportPeriod } from './revertPlan.js';

/**
 * `[from, to)` as a chain of incremental export periods of equal length, each at most 24 hours (AWS's
 * limit), so that none is shorter than half the limit when the span needs more than one.
 *
 * @example
 * exportPeriods('window', new Date('2025-01-01T00:00:00Z'), new Date('2025-01-02T12:00:00Z')).length; // 2
 */
export function exportPeriods(part: ExportPeriod['part'], from: Date, to: Date): ExportPeriod[] {
  const span = to.getTime() - from.getTime();
  const count = Math.max(1, Math.ceil(span / MAX_EXPORT_PERIOD_MS));
  const edge = (i: number) => new Date(from.getTime() + Math.round((span * i) / count)).toISOString();
  return Array.from({ length: count }, (_, i) => ({ part, from: edge(i), to: edge(i + 1) }));
}
