import { invalidParameterValue } from './cloudWatchErrors.js';
import type { Dimension } from './cloudWatchStore.js';
import { PERCENTILE, STATISTICS } from './metricStatistics.js';

/**
 * Field rules shared by CloudWatch's actions, in the validation engine's
 * format (see validateRequest.ts), with the API reference's limits.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html
 */
export const UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
];

export const NAMESPACE = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255, regex: '[^:].*' };
export const METRIC_NAME = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 };
export const UNIT = { type: 'String', enum: UNITS };
export const DIMENSIONS = {
  type: 'List',
  lengthLessThanOrEqual: 30,
  children: {
    type: 'FieldStruct<Dimension>',
    children: {
      Name: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
      Value: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
    },
  },
};

/** One query of GetMetricData, or of a metric-math alarm's Metrics. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html */
export const METRIC_DATA_QUERY = {
  type: 'FieldStruct<MetricDataQuery>',
  children: {
    Id: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
    MetricStat: {
      type: 'FieldStruct<MetricStat>',
      children: {
        Metric: {
          type: 'FieldStruct<Metric>',
          notNull: true,
          children: { Namespace: NAMESPACE, MetricName: METRIC_NAME, Dimensions: DIMENSIONS },
        },
        Period: { type: 'Integer', notNull: true, greaterThanOrEqual: 1 },
        Stat: { type: 'String', notNull: true },
        Unit: UNIT,
      },
    },
    Expression: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048 },
    Label: { type: 'String' },
    ReturnData: { type: 'Boolean' },
    Period: { type: 'Integer', greaterThanOrEqual: 1 },
    AccountId: { type: 'String' },
  },
};

/** The Dimensions of a validated request (none when absent). */
export function dimensionsOf(value: unknown): Dimension[] {
  return Array.isArray(value) ? (value as Dimension[]) : [];
}

/** A statistic (`Average`…) or a percentile (`p99`); InvalidParameterValue naming `parameter` otherwise. */
export function checkStatistic(stat: string, parameter: string): string {
  if ((STATISTICS as readonly string[]).includes(stat) || PERCENTILE.test(stat)) return stat;
  throw invalidParameterValue(`The value ${stat} for parameter ${parameter} is not supported.`);
}

/** A period in seconds: 1, 5, 10, 30 or a multiple of 60, as metric queries accept. */
export function checkQueryPeriod(period: number, parameter: string): number {
  if ([1, 5, 10, 30].includes(period) || period % 60 === 0) return period;
  throw invalidParameterValue(`The parameter ${parameter} must be 1, 5, 10, 30, or a multiple of 60.`);
}

/** Epoch seconds in a request to epoch milliseconds. */
export const toMs = (seconds: unknown): number => Number(seconds) * 1000;
