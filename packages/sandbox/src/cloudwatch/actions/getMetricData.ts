import { validateRequest } from '../../validateRequest.js';
import { invalidParameterCombination, invalidParameterValue } from '../cloudWatchErrors.js';
import { METRIC_DATA_QUERY, checkQueryPeriod, checkStatistic, dimensionsOf, toMs } from '../cloudWatchRules.js';
import { periodsOf, statisticOf } from '../metricStatistics.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  MetricDataQueries: {
    type: 'List',
    notNull: true,
    lengthLessThanOrEqual: 500,
    children: METRIC_DATA_QUERY,
  },
  StartTime: { type: 'Double', notNull: true },
  EndTime: { type: 'Double', notNull: true },
  NextToken: { type: 'String' },
  ScanBy: { type: 'String', enum: ['TimestampDescending', 'TimestampAscending'] },
  MaxDatapoints: { type: 'Integer' },
};

interface Query {
  Id: string;
  MetricStat?: {
    Metric: { Namespace?: string; MetricName?: string; Dimensions?: unknown };
    Period: number;
    Stat: string;
    Unit?: string;
  };
  Expression?: string;
  Label?: string;
  ReturnData?: boolean;
}

const ID = /^[a-z][a-zA-Z0-9_]*$/;

/**
 * GetMetricData for metric queries (MetricStat): each result lists the periods
 * with data, newest first unless ScanBy says ascending. Metric math
 * (Expression) is not evaluated here, and is refused.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html
 */
export const getMetricData: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const queries = data.MetricDataQueries as Query[];
  const startMs = toMs(data.StartTime);
  const endMs = toMs(data.EndTime);
  if (startMs >= endMs) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  const seen = new Set<string>();
  queries.forEach((query, i) => {
    const at = `MetricDataQueries.member.${i + 1}`;
    if (!ID.test(query.Id)) {
      throw invalidParameterValue(
        `The value ${query.Id} for parameter ${at}.Id is invalid. It must start with a lowercase letter and contain only letters, numbers and underscores.`,
      );
    }
    if (seen.has(query.Id)) throw invalidParameterValue(`The value ${query.Id} for parameter ${at}.Id is not unique.`);
    seen.add(query.Id);
    if ((query.MetricStat === undefined) === (query.Expression === undefined)) {
      throw invalidParameterCombination(
        `Exactly one element of the ${at}.MetricStat and ${at}.Expression parameters must be specified.`,
      );
    }
    if (query.Expression !== undefined) {
      throw invalidParameterValue(
        `The dynamo-dr sandbox does not evaluate metric math (${at}.Expression "${query.Expression}"): query each metric with MetricStat instead.`,
      );
    }
    const stat = query.MetricStat as NonNullable<Query['MetricStat']>;
    if (stat.Metric.Namespace === undefined || stat.Metric.MetricName === undefined) {
      throw invalidParameterValue(`${at}.MetricStat.Metric needs a Namespace and a MetricName.`);
    }
    checkStatistic(stat.Stat, `${at}.MetricStat.Stat`);
    checkQueryPeriod(stat.Period, `${at}.MetricStat.Period`);
  });
  const ascending = data.ScanBy === 'TimestampAscending';
  const results = queries
    .filter((q) => q.ReturnData !== false)
    .map((query) => {
      const stat = query.MetricStat as NonNullable<Query['MetricStat']>;
      const metric = stat.Metric as { Namespace: string; MetricName: string; Dimensions?: unknown };
      const series = store.series(region, metric.Namespace, metric.MetricName, dimensionsOf(metric.Dimensions));
      const periods = [
        ...periodsOf(series?.datapoints ?? [], { startMs, endMs, periodSeconds: stat.Period, unit: stat.Unit }),
      ].flatMap(([start, points]) => {
        const value = statisticOf(points, stat.Stat);
        return value === undefined ? [] : [{ start, value }];
      });
      if (!ascending) periods.reverse();
      return {
        Id: query.Id,
        Label: query.Label ?? metric.MetricName,
        Timestamps: periods.map((p) => p.start / 1000),
        Values: periods.map((p) => p.value),
        StatusCode: 'Complete',
        Messages: [],
      };
    });
  return { MetricDataResults: results, Messages: [] };
};
