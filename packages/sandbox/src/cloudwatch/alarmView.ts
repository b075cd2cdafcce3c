import type { AlarmRecord } from './cloudWatchStore.js';

/**
 * An alarm as DescribeAlarms' MetricAlarms list it (times in epoch seconds, as the JSON protocol sends them).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html
 */
export function alarmView(alarm: AlarmRecord): Record<string, unknown> {
  const { state } = alarm;
  return {
    ...alarm.config,
    AlarmConfigurationUpdatedTimestamp: alarm.configUpdatedMs / 1000,
    StateValue: state.value,
    StateReason: state.reason,
    ...(state.reasonData ? { StateReasonData: state.reasonData } : {}),
    StateUpdatedTimestamp: state.updatedMs / 1000,
    StateTransitionedTimestamp: state.updatedMs / 1000,
  };
}
