import { validateRequest } from '../../validateRequest.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../cloudWatchErrors.js';
import { DIMENSIONS, METRIC_NAME, NAMESPACE, UNIT, dimensionsOf, toMs } from '../cloudWatchRules.js';
import type { Datapoint } from '../cloudWatchStore.js';
import type { CloudWatchAction } from '../service.js';

const STATISTIC_SET = { type: 'Double', notNull: true };
const RULES = {
  Namespace: { ...NAMESPACE, notNull: true },
  MetricData: {
    type: 'List',
    notNull: true,
    lengthLessThanOrEqual: 1000,
    children: {
      type: 'FieldStruct<MetricDatum>',
      children: {
        MetricName: { ...METRIC_NAME, notNull: true },
        Dimensions: DIMENSIONS,
        Timestamp: { type: 'Double' },
        Value: { type: 'Double' },
        StatisticValues: {
          type: 'FieldStruct<StatisticSet>',
          children: { SampleCount: STATISTIC_SET, Sum: STATISTIC_SET, Minimum: STATISTIC_SET, Maximum: STATISTIC_SET },
        },
        Values: { type: 'List', children: 'Double', lengthLessThanOrEqual: 150 },
        Counts: { type: 'List', children: 'Double', lengthLessThanOrEqual: 150 },
        Unit: UNIT,
        StorageResolution: { type: 'Integer', greaterThanOrEqual: 1 },
      },
    },
  },
};

interface Datum {
  MetricName: string;
  Dimensions?: unknown;
  Timestamp?: number;
  Value?: number;
  StatisticValues?: { SampleCount: number; Sum: number; Minimum: number; Maximum: number };
  Values?: number[];
  Counts?: number[];
  Unit?: string;
  StorageResolution?: number;
}

// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html: timestamps up to
// two weeks in the past and two hours in the future.
const MAX_AGE_MS = 14 * 24 * 3600 * 1000;
const MAX_AHEAD_MS = 2 * 3600 * 1000;

/**
 * PutMetricData: each datum is a value, a statistic set, or values with
 * counts; standard-resolution data is kept per minute, high-resolution
 * (StorageResolution 1) per second. The whole request is checked first, so a
 * bad datum stores nothing.
 */
export const putMetricData: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const namespace = data.Namespace as string;
  if (namespace.startsWith('AWS/')) {
    throw invalidParameterValue(`The value ${namespace} for parameter Namespace is invalid.`);
  }
  const now = Date.now();
  const points = (data.MetricData as Datum[]).map((datum, i) => ({ datum, point: datapointOf(datum, i + 1, now) }));
  for (const { datum, point } of points) {
    store.addDatapoint(region, namespace, datum.MetricName, dimensionsOf(datum.Dimensions), point);
  }
  store.save();
  return {};
};

function datapointOf(datum: Datum, index: number, now: number): Datapoint {
  const at = (field: string) => `MetricData.member.${index}.${field}`;
  const given = (['Value', 'StatisticValues', 'Values'] as const).filter((f) => datum[f] !== undefined);
  if (given.length > 1) {
    throw invalidParameterCombination(
      `The parameters ${at(given[0] as string)} and ${at(given[1] as string)} are mutually exclusive and you have specified both.`,
    );
  }
  if (!given.length) throw missingParameter(at('Value'));
  const time = datum.Timestamp === undefined ? now : toMs(datum.Timestamp);
  if (time < now - MAX_AGE_MS) {
    throw invalidParameterValue(
      `The parameter ${at('Timestamp')} must specify a time no more than two weeks in the past.`,
    );
  }
  if (time > now + MAX_AHEAD_MS) {
    throw invalidParameterValue(
      `The parameter ${at('Timestamp')} must specify a time no more than two hours in the future.`,
    );
  }
  const resolutionMs = datum.StorageResolution === 1 ? 1000 : 60_000;
  const base = { t: Math.floor(time / resolutionMs) * resolutionMs, unit: datum.Unit ?? 'None' };
  if (datum.Value !== undefined) {
    const v = datum.Value;
    return { ...base, sampleCount: 1, sum: v, min: v, max: v, values: [[v, 1]] };
  }
  if (datum.StatisticValues) {
    const s = datum.StatisticValues;
    return { ...base, sampleCount: s.SampleCount, sum: s.Sum, min: s.Minimum, max: s.Maximum };
  }
  const values = datum.Values ?? [];
  const counts = datum.Counts ?? values.map(() => 1);
  if (counts.length !== values.length) {
    throw invalidParameterValue(`The parameters ${at('Values')} and ${at('Counts')} must be of the same size.`);
  }
  if (!values.length) throw missingParameter(at('Values'));
  const pairs = values.map((v, i) => [v, counts[i] as number] as const);
  return {
    ...base,
    sampleCount: pairs.reduce((n, [, c]) => n + c, 0),
    sum: pairs.reduce((n, [v, c]) => n + v * c, 0),
    min: Math.min(...values),
    max: Math.max(...values),
    values: pairs,
  };
}
