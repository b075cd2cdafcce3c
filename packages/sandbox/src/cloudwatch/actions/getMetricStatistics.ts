import { validateRequest } from '../../validateRequest.js';
import { invalidParameterCombination, invalidParameterValue } from '../cloudWatchErrors.js';
import {
  DIMENSIONS,
  METRIC_NAME,
  NAMESPACE,
  UNIT,
  checkQueryPeriod,
  checkStatistic,
  dimensionsOf,
  toMs,
} from '../cloudWatchRules.js';
import { STATISTICS, periodsOf, statisticOf } from '../metricStatistics.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  Namespace: { ...NAMESPACE, notNull: true },
  MetricName: { ...METRIC_NAME, notNull: true },
  Dimensions: DIMENSIONS,
  StartTime: { type: 'Double', notNull: true },
  EndTime: { type: 'Double', notNull: true },
  Period: { type: 'Integer', notNull: true, greaterThanOrEqual: 1 },
  Statistics: {
    type: 'List',
    lengthGreaterThanOrEqual: 1,
    lengthLessThanOrEqual: 5,
    children: { type: 'String', enum: STATISTICS },
  },
  ExtendedStatistics: { type: 'List', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 10, children: 'String' },
  Unit: UNIT,
};

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html: at most 1,440 datapoints. */
const MAX_DATAPOINTS = 1440;

/**
 * GetMetricStatistics: one datapoint per period that has data, periods aligned
 * on the epoch, in time order.
 */
export const getMetricStatistics: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const statistics = (data.Statistics as string[] | undefined) ?? [];
  const extended = ((data.ExtendedStatistics as string[] | undefined) ?? []).map((s) =>
    checkStatistic(s, 'ExtendedStatistics'),
  );
  if (!statistics.length && !extended.length) {
    throw invalidParameterCombination(
      'At least one of the parameters Statistics and ExtendedStatistics must be specified.',
    );
  }
  const startMs = toMs(data.StartTime);
  const endMs = toMs(data.EndTime);
  if (startMs >= endMs) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const period = checkQueryPeriod(data.Period as number, 'Period');
  const requested = Math.ceil((endMs - startMs) / (period * 1000));
  if (requested > MAX_DATAPOINTS) {
    throw invalidParameterCombination(
      `You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
    );
  }
  const name = data.MetricName as string;
  const series = store.series(region, data.Namespace as string, name, dimensionsOf(data.Dimensions));
  const unit = data.Unit as string | undefined;
  const periods = periodsOf(series?.datapoints ?? [], { startMs, endMs, periodSeconds: period, unit });
  const datapoints = [...periods].map(([start, points]) => {
    const values = Object.fromEntries(statistics.map((s) => [s, statisticOf(points, s)]));
    const percentiles = Object.fromEntries(
      extended.flatMap((s) => {
        const value = statisticOf(points, s);
        return value === undefined ? [] : [[s, value]];
      }),
    );
    return {
      Timestamp: start / 1000,
      ...values,
      Unit: unit ?? points[0]?.unit ?? 'None',
      ...(extended.length ? { ExtendedStatistics: percentiles } : {}),
    };
  });
  return { Label: name, Datapoints: datapoints };
};
