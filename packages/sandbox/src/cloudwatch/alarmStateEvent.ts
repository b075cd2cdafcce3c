import type { EventEntry } from '../events/eventBus.js';
import type { AlarmStateChange } from './alarmTransitions.js';
import type { AlarmState } from './cloudWatchStore.js';
import { javaDate } from './evaluateAlarm.js';

/**
 * The "CloudWatch Alarm State Change" event CloudWatch sends EventBridge on
 * every state change of an alarm.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 */
export function alarmStateEvent({ alarm, previous }: AlarmStateChange): EventEntry {
  const c = alarm.config;
  const state = (s: AlarmState) => ({
    value: s.value,
    reason: s.reason,
    ...(s.reasonData ? { reasonData: s.reasonData } : {}),
    timestamp: javaDate(s.updatedMs),
  });
  return {
    source: 'aws.cloudwatch',
    detailType: 'CloudWatch Alarm State Change',
    resources: [c.AlarmArn],
    timeMs: alarm.state.updatedMs,
    detail: {
      alarmName: c.AlarmName,
      state: state(alarm.state),
      previousState: state(previous),
      configuration: {
        ...(c.AlarmDescription !== undefined ? { description: c.AlarmDescription } : {}),
        metrics: [
          {
            id: 'm1',
            metricStat: {
              metric: {
                namespace: c.Namespace,
                name: c.MetricName,
                dimensions: Object.fromEntries(c.Dimensions.map((d) => [d.Name, d.Value])),
              },
              period: c.Period,
              stat: c.Statistic ?? c.ExtendedStatistic,
              ...(c.Unit ? { unit: c.Unit } : {}),
            },
            returnData: true,
          },
        ],
      },
    },
  };
}
