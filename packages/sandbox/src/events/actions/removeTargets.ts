import { validateRequest } from '../../validateRequest.js';
import { BUS_NAME, RULE_NAME } from '../eventsRules.js';
import type { EventsAction } from '../service.js';
import { findRule } from './ruleLookup.js';

/**
 * RemoveTargets by Id (Ids the rule does not have are ignored).
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_RemoveTargets.html
 */
export const removeTargets: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, {
    Rule: { ...RULE_NAME, notNull: true },
    EventBusName: BUS_NAME,
    Ids: { type: 'List', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 100, children: RULE_NAME },
    Force: { type: 'Boolean' },
  });
  const rule = findRule(store, region, data.Rule, data.EventBusName);
  const ids = new Set(data.Ids as string[]);
  rule.targets = rule.targets.filter((t) => !ids.has(t.Id));
  store.save();
  return { FailedEntryCount: 0, FailedEntries: [] };
};
