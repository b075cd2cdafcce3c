import { ruleNotFound } from '../eventsErrors.js';
import { checkBus, type EventsStore, type RuleRecord } from '../eventsStore.js';

/** The rule a request names on its bus; ResourceNotFoundException when there is none. */
export function findRule(store: EventsStore, region: string, name: unknown, busName: unknown): RuleRecord {
  const bus = checkBus(busName, region);
  const rule = store.rules(region)[String(name)];
  if (!rule) throw ruleNotFound(String(name), bus);
  return rule;
}

/** A rule as DescribeRule and ListRules show it. */
export function ruleView(rule: RuleRecord): Record<string, unknown> {
  const { targets: _targets, ...view } = rule;
  return view;
}
