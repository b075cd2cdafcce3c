import type { AlarmConfiguration, AlarmStateValue, MetricSeries } from './cloudWatchStore.js';
import { periodsOf, statisticOf } from './metricStatistics.js';

/** A state an evaluation arrives at, with AWS's reason texts; undefined keeps the current state. */
export type Evaluation =
  { readonly value: AlarmStateValue; readonly reason: string; readonly reasonData: string } | undefined;

/** What each threshold comparison says in a state reason, and whether a value breaches. */
export const COMPARISONS: Readonly<
  Record<string, { readonly text: string; readonly breaches: (v: number, t: number) => boolean }>
> = {
  GreaterThanOrEqualToThreshold: { text: 'greater than or equal to', breaches: (v, t) => v >= t },
  GreaterThanThreshold: { text: 'greater than', breaches: (v, t) => v > t },
  LessThanThreshold: { text: 'less than', breaches: (v, t) => v < t },
  LessThanOrEqualToThreshold: { text: 'less than or equal to', breaches: (v, t) => v <= t },
};

/**
 * How many periods back the sandbox looks for datapoints beyond Evaluation
 * Periods. AWS retrieves "a higher number of data points than Evaluation
 * Periods" (its example: 5 for 3) without saying how many; the sandbox takes
 * two more, as in that example.
 */
const EXTRA_PERIODS = 2;

interface Position {
  readonly start: number;
  readonly value: number | undefined;
  readonly sampleCount: number;
}

/**
 * Evaluates a metric alarm at `nowMs` as CloudWatch does: each period's
 * statistic against the threshold, Datapoints to Alarm (M) out of Evaluation
 * Periods (N), missing data filled per TreatMissingData only where fewer than
 * N real datapoints exist in the evaluation range, and the "premature alarm"
 * rule. The period that holds `nowMs` counts once it has data (before that it
 * is not over, so not missing).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data
 */
export function evaluateAlarm(
  alarm: AlarmConfiguration,
  series: MetricSeries | undefined,
  nowMs: number,
  current: AlarmStateValue,
): Evaluation {
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const positions = evaluationRange(alarm, series, nowMs);
  const real = positions.filter((p): p is Position & { value: number } => p.value !== undefined);
  const comparison = COMPARISONS[alarm.ComparisonOperator] as (typeof COMPARISONS)[string];
  const breaches = (p: { value: number }) => comparison.breaches(p.value, alarm.Threshold);
  const treat = alarm.TreatMissingData ?? 'missing';
  const reasonOf = reasons(alarm, current, nowMs);

  if (real.length >= n) {
    const evaluated = real.slice(-n);
    const breaching = evaluated.filter(breaches).length;
    return breaching >= m
      ? reasonOf.crossed('ALARM', evaluated, breaching, 0)
      : reasonOf.crossed('OK', evaluated, n - breaching, 0);
  }
  const fills = n - real.length;
  if (treat === 'breaching' || treat === 'notBreaching') {
    const breaching = real.filter(breaches).length + (treat === 'breaching' ? fills : 0);
    return breaching >= m
      ? reasonOf.crossed('ALARM', real, breaching, treat === 'breaching' ? fills : 0)
      : reasonOf.crossed('OK', real, n - breaching, treat === 'notBreaching' ? fills : 0);
  }
  if (real.length === 0) return treat === 'ignore' ? undefined : reasonOf.insufficient();
  // Premature alarm state: with fewer than M real datapoints, ALARM when the oldest breaching one of the
  // last N periods is at least M periods old and every later period breaches or is missing.
  const window = positions.slice(-n);
  const oldest = window.findIndex((p) => p.value !== undefined && breaches(p as { value: number }));
  if (
    real.length < m &&
    oldest >= 0 &&
    n - oldest >= m &&
    window.slice(oldest).every((p) => p.value === undefined || breaches(p as { value: number }))
  ) {
    const evaluated = window.slice(oldest).filter((p): p is Position & { value: number } => p.value !== undefined);
    return treat === 'ignore' ? undefined : reasonOf.crossed('ALARM', evaluated, evaluated.length, 0);
  }
  const breaching = real.filter(breaches).length;
  return breaching >= m
    ? reasonOf.crossed('ALARM', real, breaching, 0)
    : reasonOf.crossed('OK', real, n - breaching, 0);
}

/** The N + 2 most recent periods, oldest first, each with its statistic (undefined when missing). */
function evaluationRange(alarm: AlarmConfiguration, series: MetricSeries | undefined, nowMs: number): Position[] {
  const periodMs = alarm.Period * 1000;
  const count = alarm.EvaluationPeriods + EXTRA_PERIODS;
  const current = Math.floor(nowMs / periodMs) * periodMs;
  const periods = periodsOf(series?.datapoints ?? [], {
    startMs: current - count * periodMs,
    endMs: current + periodMs,
    periodSeconds: alarm.Period,
    unit: alarm.Unit,
  });
  const newest = periods.has(current) ? current : current - periodMs;
  const stat = alarm.Statistic ?? (alarm.ExtendedStatistic as string);
  const positions: Position[] = [];
  for (let start = newest - (count - 1) * periodMs; start <= newest; start += periodMs) {
    const points = periods.get(start) ?? [];
    positions.push({
      start,
      value: statisticOf(points, stat),
      sampleCount: points.reduce((s, p) => s + p.sampleCount, 0),
    });
  }
  return positions;
}

function reasons(alarm: AlarmConfiguration, current: AlarmStateValue, nowMs: number) {
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const text = (COMPARISONS[alarm.ComparisonOperator] as (typeof COMPARISONS)[string]).text;
  const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const was = (k: number) => (k === 1 ? 'was' : 'were');
  const data = (evaluated: readonly (Position & { value: number })[]) =>
    JSON.stringify({
      version: '1.0',
      queryDate: javaDate(nowMs),
      ...(evaluated[0] ? { startDate: javaDate(evaluated[0].start) } : {}),
      ...(alarm.Unit ? { unit: alarm.Unit } : {}),
      statistic: alarm.Statistic ?? alarm.ExtendedStatistic,
      period: alarm.Period,
      recentDatapoints: evaluated.map((p) => p.value),
      threshold: alarm.Threshold,
      evaluatedDatapoints: evaluated.map((p) => ({
        timestamp: javaDate(p.start),
        sampleCount: p.sampleCount,
        value: p.value,
      })),
    });
  return {
    crossed(
      value: 'ALARM' | 'OK',
      evaluated: readonly (Position & { value: number })[],
      agreeing: number,
      filled: number,
    ): Evaluation {
      const filling = filled
        ? `${plural(filled, 'missing datapoint')} ${was(filled)} treated as [${value === 'ALARM' ? 'Breaching' : 'NonBreaching'}]`
        : '';
      const minimum = value === 'ALARM' ? m : n - m + 1;
      const transition = `(minimum ${plural(minimum, 'datapoint')} for ${current} -> ${value} transition)`;
      const listed = evaluated.map((p) => `${javaNumber(p.value)} (${shortDate(p.start)})`).join(', ');
      const seen = agreeing - filled;
      const reason = evaluated.length
        ? `Threshold Crossed: ${seen} out of the last ${evaluated.length} datapoints [${listed}] ${was(seen)} ${value === 'OK' ? 'not ' : ''}${text} the threshold (${javaNumber(alarm.Threshold)})${filling ? ` and ${filling}` : ''} ${transition}.`
        : `Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${filling}.`;
      return { value, reason, reasonData: data(evaluated) };
    },
    insufficient(): Evaluation {
      return {
        value: 'INSUFFICIENT_DATA',
        reason: `Insufficient Data: ${plural(n, 'datapoint')} ${was(n)} unknown.`,
        reasonData: data([]),
      };
    },
  };
}

/** A number as CloudWatch's (Java) texts print a double: `0.0`, `70.0`, `5.89`. */
export function javaNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** `2014-04-09T18:59:06.419+0000`, the form of CloudWatch's reason data and notifications. */
export function javaDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** `19/07/18 20:26:00` (UTC), the form of datapoint times in state reasons. */
function shortDate(ms: number): string {
  const d = new Date(ms).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(2, 4)} ${d.slice(11, 19)}`;
}
