import {
  PutMetricDataCommand,
  SetAlarmStateCommand,
  paginateDescribeAlarmHistory,
  paginateDescribeAlarms,
  type AlarmHistoryItem,
  type CloudWatchClient,
  type MetricAlarm,
  type MetricDatum,
  type StateValue,
} from '@aws-sdk/client-cloudwatch';
import { METRIC_NAMESPACE } from './metricNames.js';

/*
 * The thin layer between backup monitoring and CloudWatch: every CloudWatch call of the monitor, `check` and
 * `check --test-alarms` is here.
 */

/** PutMetricData takes at most 1,000 datums a request (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html). */
const DATUMS_PER_REQUEST = 1000;
/** DescribeAlarms takes at most 100 alarm names a request. */
const NAMES_PER_REQUEST = 100;

/** Publishes datapoints in the `DynamoDR` namespace, in as few requests as the limits allow. */
export async function putBackupMetrics(cloudwatch: CloudWatchClient, data: readonly MetricDatum[]): Promise<void> {
  for (let i = 0; i < data.length; i += DATUMS_PER_REQUEST) {
    await cloudwatch.send(
      new PutMetricDataCommand({ Namespace: METRIC_NAMESPACE, MetricData: data.slice(i, i + DATUMS_PER_REQUEST) }),
    );
  }
}

/** The metric alarms with these names that exist, by name. */
export async function describeAlarmsByName(
  cloudwatch: CloudWatchClient,
  names: readonly string[],
): Promise<Map<string, MetricAlarm>> {
  const found = new Map<string, MetricAlarm>();
  for (let i = 0; i < names.length; i += NAMES_PER_REQUEST) {
    const request = { AlarmNames: names.slice(i, i + NAMES_PER_REQUEST), AlarmTypes: ['MetricAlarm' as const] };
    for await (const page of paginateDescribeAlarms({ client: cloudwatch }, request)) {
      for (const alarm of page.MetricAlarms ?? []) if (alarm.AlarmName) found.set(alarm.AlarmName, alarm);
    }
  }
  return found;
}

/** An alarm's state updates and actions since `since`, newest first (CloudWatch keeps 30 days of history). */
export async function alarmHistory(
  cloudwatch: CloudWatchClient,
  alarmName: string,
  since: Date,
): Promise<AlarmHistoryItem[]> {
  const items: AlarmHistoryItem[] = [];
  for await (const page of paginateDescribeAlarmHistory(
    { client: cloudwatch },
    { AlarmName: alarmName, StartDate: since, ScanBy: 'TimestampDescending' },
  )) {
    items.push(...(page.AlarmHistoryItems ?? []).filter((item) => item.HistoryItemType !== 'ConfigurationUpdate'));
  }
  return items;
}

/** Sets an alarm's state until its next evaluation; the change runs the new state's actions. */
export async function setAlarmState(
  cloudwatch: CloudWatchClient,
  alarmName: string,
  state: StateValue,
  reason: string,
): Promise<void> {
  await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: state, StateReason: reason }));
}
