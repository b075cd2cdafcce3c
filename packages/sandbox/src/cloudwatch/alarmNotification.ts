import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { Publication } from '../sns/publishToTopic.js';
import type { AlarmRecord, AlarmState } from './cloudWatchStore.js';
import { javaDate } from './evaluateAlarm.js';

/**
 * Region names as alarm notifications spell them (the `Region` field and the subject).
 * https://docs.aws.amazon.com/general/latest/gr/rande.html
 */
const REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'ca-central-1': 'Canada (Central)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'sa-east-1': 'South America (Sao Paulo)',
};

/**
 * The SNS message an alarm action sends: the JSON document CloudWatch
 * publishes, with the subject `ALARM: "name" in US East (N. Virginia)`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Notify_Users_Alarm_Changes.html
 */
export function alarmNotification(region: string, alarm: AlarmRecord, previous: AlarmState): Publication {
  const c = alarm.config;
  const regionName = REGION_NAMES[region] ?? region;
  const message = {
    AlarmName: c.AlarmName,
    AlarmDescription: c.AlarmDescription ?? null,
    AWSAccountId: SANDBOX_ACCOUNT,
    AlarmConfigurationUpdatedTimestamp: javaDate(alarm.configUpdatedMs),
    NewStateValue: alarm.state.value,
    NewStateReason: alarm.state.reason,
    StateChangeTime: javaDate(alarm.state.updatedMs),
    Region: regionName,
    AlarmArn: c.AlarmArn,
    OldStateValue: previous.value,
    OKActions: c.OKActions,
    AlarmActions: c.AlarmActions,
    InsufficientDataActions: c.InsufficientDataActions,
    Trigger: {
      MetricName: c.MetricName,
      Namespace: c.Namespace,
      StatisticType: c.Statistic ? 'Statistic' : 'ExtendedStatistic',
      ...(c.Statistic ? { Statistic: c.Statistic.toUpperCase() } : { ExtendedStatistic: c.ExtendedStatistic }),
      Unit: c.Unit ?? null,
      Dimensions: c.Dimensions.map((d) => ({ value: d.Value, name: d.Name })),
      Period: c.Period,
      EvaluationPeriods: c.EvaluationPeriods,
      ...(c.DatapointsToAlarm !== undefined ? { DatapointsToAlarm: c.DatapointsToAlarm } : {}),
      ComparisonOperator: c.ComparisonOperator,
      Threshold: c.Threshold,
      TreatMissingData: c.TreatMissingData ?? '',
      EvaluateLowSampleCountPercentile: c.EvaluateLowSampleCountPercentile ?? '',
    },
  };
  return {
    subject: `${alarm.state.value}: "${c.AlarmName}" in ${regionName}`.slice(0, 100),
    message: JSON.stringify(message),
  };
}
