import { validateRequest } from '../../validateRequest.js';
import { validationError } from '../../awsError.js';
import { alarmView } from '../alarmView.js';
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../cloudWatchErrors.js';
import {
  DIMENSIONS,
  METRIC_DATA_QUERY,
  METRIC_NAME,
  NAMESPACE,
  UNIT,
  checkStatistic,
  dimensionsOf,
} from '../cloudWatchRules.js';
import { alarmArn, sortedDimensions, type AlarmConfiguration } from '../cloudWatchStore.js';
import { COMPARISONS } from '../evaluateAlarm.js';
import { PERCENTILE, STATISTICS } from '../metricStatistics.js';
import type { CloudWatchAction } from '../service.js';

const ACTIONS = {
  type: 'List',
  lengthLessThanOrEqual: 5,
  children: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
};
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_Tag.html
const TAG = {
  Key: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 128 },
  Value: { type: 'String', notNull: true, lengthLessThanOrEqual: 256 },
};
const RULES = {
  AlarmName: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
  AlarmDescription: { type: 'String', lengthLessThanOrEqual: 1024 },
  ActionsEnabled: { type: 'Boolean' },
  OKActions: ACTIONS,
  AlarmActions: ACTIONS,
  InsufficientDataActions: ACTIONS,
  MetricName: METRIC_NAME,
  Namespace: NAMESPACE,
  Statistic: { type: 'String', enum: STATISTICS },
  ExtendedStatistic: { type: 'String' },
  Dimensions: DIMENSIONS,
  Period: { type: 'Integer', greaterThanOrEqual: 1 },
  Unit: UNIT,
  EvaluationPeriods: { type: 'Integer', notNull: true, greaterThanOrEqual: 1 },
  DatapointsToAlarm: { type: 'Integer', greaterThanOrEqual: 1 },
  Threshold: { type: 'Double' },
  ComparisonOperator: {
    type: 'String',
    notNull: true,
    enum: [
      'GreaterThanOrEqualToThreshold',
      'GreaterThanThreshold',
      'LessThanThreshold',
      'LessThanOrEqualToThreshold',
      'LessThanLowerOrGreaterThanUpperThreshold',
      'LessThanLowerThreshold',
      'GreaterThanUpperThreshold',
    ],
  },
  TreatMissingData: { type: 'String', enum: ['breaching', 'notBreaching', 'ignore', 'missing'] },
  EvaluateLowSampleCountPercentile: { type: 'String', enum: ['evaluate', 'ignore'] },
  // Checked for shape only: configurationOf refuses metric math with its own message.
  Metrics: { type: 'List', children: METRIC_DATA_QUERY },
  ThresholdMetricId: { type: 'String' },
  Tags: { type: 'List', children: { type: 'FieldStruct<Tag>', children: TAG } },
};

/** https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html: at most seven days. */
const MAX_EVALUATION_SECONDS = 7 * 24 * 3600;

/**
 * PutMetricAlarm: creates an alarm (INSUFFICIENT_DATA until its first
 * evaluation) or replaces an alarm's whole configuration, keeping its state.
 * Each is a ConfigurationUpdate in the alarm's history. Static-threshold
 * alarms on one metric only: metric math and anomaly detection are refused.
 */
export const putMetricAlarm: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const config = configurationOf(data, region);
  const alarms = store.region(region).alarms;
  const existing = alarms[config.AlarmName];
  const now = Date.now();
  const alarm = existing ?? {
    config,
    configUpdatedMs: now,
    state: { value: 'INSUFFICIENT_DATA' as const, reason: 'Unchecked: Initial alarm creation', updatedMs: now },
  };
  alarm.config = config;
  alarm.configUpdatedMs = now;
  alarms[config.AlarmName] = alarm;
  store.record(region, {
    AlarmName: config.AlarmName,
    AlarmType: 'MetricAlarm',
    Timestamp: now,
    HistoryItemType: 'ConfigurationUpdate',
    HistorySummary: `Alarm "${config.AlarmName}" ${existing ? 'updated' : 'created'}`,
    HistoryData: JSON.stringify({
      version: '1.0',
      type: existing ? 'Update' : 'Create',
      [existing ? 'updatedAlarm' : 'createdAlarm']: alarmView(alarm),
    }),
  });
  store.save();
  return {};
};

function configurationOf(data: Record<string, unknown>, region: string): AlarmConfiguration {
  if (data.Metrics !== undefined || data.ThresholdMetricId !== undefined) {
    throw invalidParameterValue(
      'The dynamo-dr sandbox evaluates alarms on one metric with a static threshold: give MetricName, Namespace, Statistic, Period and Threshold instead of Metrics or ThresholdMetricId.',
    );
  }
  const operator = data.ComparisonOperator as string;
  if (!COMPARISONS[operator]) {
    throw invalidParameterValue(
      `The dynamo-dr sandbox does not evaluate anomaly detection alarms (ComparisonOperator ${operator}); use a static threshold comparison.`,
    );
  }
  for (const field of ['MetricName', 'Namespace', 'Period', 'Threshold'] as const) {
    if (data[field] === undefined) throw missingParameter(field);
  }
  if ((data.Statistic === undefined) === (data.ExtendedStatistic === undefined)) {
    throw invalidParameterCombination(
      'Exactly one element of the Statistic and ExtendedStatistic parameters must be specified.',
    );
  }
  if (data.ExtendedStatistic !== undefined) checkStatistic(data.ExtendedStatistic as string, 'ExtendedStatistic');
  if (data.EvaluateLowSampleCountPercentile !== undefined && !PERCENTILE.test(String(data.ExtendedStatistic))) {
    throw invalidParameterCombination(
      'EvaluateLowSampleCountPercentile applies only to a percentile ExtendedStatistic.',
    );
  }
  const period = data.Period as number;
  // The message of AWS's ValidationError for any other period.
  if (![10, 30].includes(period) && period % 60 !== 0)
    throw validationError('Period must be 10, 30 or a multiple of 60');
  const evaluationPeriods = data.EvaluationPeriods as number;
  if (period * evaluationPeriods > MAX_EVALUATION_SECONDS) {
    throw validationError(
      `The evaluation period (Period ${period} × EvaluationPeriods ${evaluationPeriods} seconds) must not be longer than 7 days.`,
    );
  }
  const datapointsToAlarm = data.DatapointsToAlarm as number | undefined;
  if (datapointsToAlarm !== undefined && datapointsToAlarm > evaluationPeriods) {
    throw validationError(
      `DatapointsToAlarm (${datapointsToAlarm}) must be less than or equal to EvaluationPeriods (${evaluationPeriods}).`,
    );
  }
  const actions = (field: string) => {
    const list = (data[field] as string[] | undefined) ?? [];
    for (const arn of list) {
      if (!/^arn:aws[a-z-]*:[a-z0-9-]+:/.test(arn)) {
        throw invalidParameterValue(`Invalid arn syntax: ${arn} (in ${field}).`);
      }
      // An alarm acts only in its own Region (CloudWatch's ValidationError text).
      const actionRegion = arn.split(':')[3];
      if (actionRegion && actionRegion !== region) {
        throw validationError(`Invalid region ${actionRegion} specified. Only ${region} is supported.`);
      }
    }
    return list;
  };
  const name = data.AlarmName as string;
  const optional = (field: string) => (data[field] === undefined ? {} : { [field]: data[field] });
  return {
    AlarmName: name,
    AlarmArn: alarmArn(region, name),
    ...optional('AlarmDescription'),
    ActionsEnabled: data.ActionsEnabled !== false,
    OKActions: actions('OKActions'),
    AlarmActions: actions('AlarmActions'),
    InsufficientDataActions: actions('InsufficientDataActions'),
    MetricName: data.MetricName as string,
    Namespace: data.Namespace as string,
    ...optional('Statistic'),
    ...optional('ExtendedStatistic'),
    Dimensions: sortedDimensions(dimensionsOf(data.Dimensions)),
    Period: period,
    ...optional('Unit'),
    EvaluationPeriods: evaluationPeriods,
    ...optional('DatapointsToAlarm'),
    Threshold: data.Threshold as number,
    ComparisonOperator: operator,
    ...optional('TreatMissingData'),
    ...optional('EvaluateLowSampleCountPercentile'),
  } as AlarmConfiguration;
}
