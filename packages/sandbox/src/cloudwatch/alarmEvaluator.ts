import { SandboxOptionError } from '../sandboxOptionError.js';
import type { AlarmTransitions } from './alarmTransitions.js';
import type { CloudWatchStore } from './cloudWatchStore.js';
import { evaluateAlarm } from './evaluateAlarm.js';

/**
 * Evaluates every alarm of every Region on a timer (CloudWatch evaluates
 * standard alarms about once a minute) and on demand. A state set by
 * SetAlarmState holds until the next evaluation, as on AWS.
 */
export class AlarmEvaluator {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: CloudWatchStore,
    private readonly transitions: AlarmTransitions,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.evaluateAll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Evaluates every alarm now; returns each alarm's name and state afterwards. */
  evaluateAll(nowMs = Date.now()): { AlarmName: string; StateValue: string }[] {
    const states: { AlarmName: string; StateValue: string }[] = [];
    let changed = false;
    for (const region of this.store.regions()) {
      for (const alarm of Object.values(this.store.region(region).alarms)) {
        const c = alarm.config;
        const series = this.store.series(region, c.Namespace, c.MetricName, c.Dimensions);
        const next = evaluateAlarm(c, series, nowMs, alarm.state.value);
        if (next && this.transitions.change(region, alarm, next, nowMs)) changed = true;
        states.push({ AlarmName: c.AlarmName, StateValue: alarm.state.value });
      }
    }
    if (changed) this.store.save();
    return states;
  }
}

/** The evaluation interval is a positive duration; anything else is refused before the sandbox starts. */
export function checkAlarmEvaluationMs(intervalMs: number | undefined): void {
  if (intervalMs === undefined || (Number.isFinite(intervalMs) && intervalMs > 0)) return;
  throw new SandboxOptionError(
    'alarmEvaluationMs',
    intervalMs,
    'is not a positive duration in milliseconds',
    'Give how often alarms are evaluated, e.g. 60000 (AWS: about every minute), or 1000 in tests.',
  );
}
