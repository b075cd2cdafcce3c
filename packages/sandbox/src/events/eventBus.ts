import { randomUUID } from 'node:crypto';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { TopicPublisher } from '../sns/publishToTopic.js';
import { matchesPattern, type EventPattern } from './eventPattern.js';
import type { EventsStore } from './eventsStore.js';
import { targetInput } from './targetInput.js';

/**
 * An event as EventBridge delivers it to targets.
 * https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
export interface BusEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

/** What a source puts on the bus; the bus stamps the rest. */
export interface EventEntry {
  readonly source: string;
  readonly detailType: string;
  readonly detail: unknown;
  readonly resources?: readonly string[];
  /** Epoch milliseconds; now when absent. */
  readonly timeMs?: number;
}

/**
 * The default event bus of each Region: an event goes, at once, to the
 * targets of every ENABLED rule whose pattern it matches. SNS topic targets
 * receive the target's input as the message; other targets are kept but not
 * invoked by the sandbox.
 */
export class EventBus {
  constructor(
    private readonly store: EventsStore,
    private readonly publish: TopicPublisher,
  ) {}

  put(region: string, entry: EventEntry): BusEvent {
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.detailType,
      source: entry.source,
      account: SANDBOX_ACCOUNT,
      // EventBridge times have second precision.
      time: new Date(entry.timeMs ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region,
      resources: entry.resources ?? [],
      detail: entry.detail,
    };
    for (const rule of Object.values(this.store.rules(region))) {
      if (!rule.State.startsWith('ENABLED') || rule.EventPattern === undefined) continue;
      if (!matchesPattern(JSON.parse(rule.EventPattern) as EventPattern, event)) continue;
      for (const target of rule.targets) {
        if (!/^arn:aws[a-z-]*:sns:/.test(target.Arn)) continue;
        try {
          this.publish(target.Arn, { message: targetInput(target, event, rule) });
        } catch {
          // A target that fails is EventBridge's to retry and then drop (or dead-letter); the sandbox drops it.
        }
      }
    }
    return event;
  }
}
