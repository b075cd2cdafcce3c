import { pageOf } from '../../pageOf.js';
import { validateRequest } from '../../validateRequest.js';
import { invalidNextToken } from '../cloudWatchErrors.js';
import { METRIC_NAME, NAMESPACE } from '../cloudWatchRules.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  Namespace: NAMESPACE,
  MetricName: METRIC_NAME,
  Dimensions: {
    type: 'List',
    lengthLessThanOrEqual: 10,
    children: {
      type: 'FieldStruct<DimensionFilter>',
      children: {
        Name: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
        Value: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
      },
    },
  },
  NextToken: { type: 'String' },
  RecentlyActive: { type: 'String', enum: ['PT3H'] },
};

// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListMetrics.html: metrics with data in
// the past two weeks (three hours with RecentlyActive=PT3H), 500 a page.
const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
const THREE_HOURS_MS = 3 * 3600 * 1000;
const PAGE = 500;

/** ListMetrics: filtered by namespace, name and dimensions (a filter without Value matches any value). */
export const listMetrics: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const filters = (data.Dimensions as { Name: string; Value?: string }[] | undefined) ?? [];
  const since = Date.now() - (data.RecentlyActive === 'PT3H' ? THREE_HOURS_MS : TWO_WEEKS_MS);
  const metrics = Object.values(store.region(region).metrics)
    .filter(
      (m) =>
        (data.Namespace === undefined || m.Namespace === data.Namespace) &&
        (data.MetricName === undefined || m.MetricName === data.MetricName) &&
        filters.every((f) =>
          m.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)),
        ) &&
        m.datapoints.some((p) => p.t >= since),
    )
    .map(({ Namespace, MetricName, Dimensions }) => ({ Namespace, MetricName, Dimensions }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const page = pageOf(metrics, data.NextToken, PAGE, invalidNextToken);
  return { Metrics: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};
