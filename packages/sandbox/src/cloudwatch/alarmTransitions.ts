import type { Publication, TopicPublisher } from '../sns/publishToTopic.js';
import { alarmNotification } from './alarmNotification.js';
import type { AlarmRecord, AlarmState, AlarmStateValue, CloudWatchStore, HistoryItem } from './cloudWatchStore.js';

/** A state change an alarm went through, for listeners beyond its actions (EventBridge's alarm events). */
export interface AlarmStateChange {
  readonly region: string;
  readonly alarm: AlarmRecord;
  readonly previous: AlarmState;
}

/**
 * Moves alarms between states as CloudWatch does: a state update is recorded
 * in the alarm's history, and when the state really changes and actions are
 * enabled, the new state's actions run (SNS topics get the alarm
 * notification), each recorded as an `Action` history item.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html
 */
export class AlarmTransitions {
  constructor(
    private readonly store: CloudWatchStore,
    private readonly publish: TopicPublisher,
    private readonly onChange: (change: AlarmStateChange) => void = () => undefined,
  ) {}

  /** Sets the alarm's state; returns whether its value changed. The caller saves the store. */
  change(region: string, alarm: AlarmRecord, next: Omit<AlarmState, 'updatedMs'>, nowMs = Date.now()): boolean {
    const previous = alarm.state;
    if (previous.value === next.value) return false;
    alarm.state = { ...next, updatedMs: nowMs };
    const name = alarm.config.AlarmName;
    this.store.record(region, {
      AlarmName: name,
      AlarmType: 'MetricAlarm',
      Timestamp: nowMs,
      HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${previous.value} to ${next.value}`,
      HistoryData: JSON.stringify({ version: '1.0', oldState: stateData(previous), newState: stateData(alarm.state) }),
    });
    if (alarm.config.ActionsEnabled) {
      const publication = alarmNotification(region, alarm, previous);
      for (const arn of actionsFor(alarm, next.value))
        this.store.record(region, this.run(alarm, arn, publication, nowMs));
    }
    this.onChange({ region, alarm, previous });
    return true;
  }

  private run(alarm: AlarmRecord, arn: string, publication: Publication, nowMs: number): HistoryItem {
    let error: string | null = null;
    try {
      if (!/^arn:aws[a-z-]*:sns:/.test(arn)) throw new Error('the dynamo-dr sandbox runs SNS actions only');
      this.publish(arn, publication);
    } catch (e) {
      error = (e as Error).message;
    }
    return {
      AlarmName: alarm.config.AlarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: nowMs,
      HistoryItemType: 'Action',
      HistorySummary:
        error === null
          ? `Successfully executed action ${arn}`
          : `Failed to execute action ${arn}. Received error: "${error}"`,
      HistoryData: JSON.stringify({
        actionState: error === null ? 'Succeeded' : 'Failed',
        notificationResource: arn,
        stateUpdateTimestamp: nowMs,
        ...(error === null ? { publishedMessage: publication.message } : { error }),
      }),
    };
  }
}

function actionsFor(alarm: AlarmRecord, state: AlarmStateValue): readonly string[] {
  const c = alarm.config;
  return state === 'ALARM' ? c.AlarmActions : state === 'OK' ? c.OKActions : c.InsufficientDataActions;
}

function stateData(state: AlarmState) {
  return {
    stateValue: state.value,
    stateReason: state.reason,
    ...(state.reasonData ? { stateReasonData: JSON.parse(state.reasonData) as unknown } : {}),
  };
}
