import { validateRequest } from '../../validateRequest.js';
import { BUS_NAME, RULE_NAME } from '../eventsRules.js';
import type { EventsAction } from '../service.js';
import { findRule, ruleView } from './ruleLookup.js';

/**
 * DescribeRule; ResourceNotFoundException for an unknown rule.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DescribeRule.html
 */
export const describeRule: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, { Name: { ...RULE_NAME, notNull: true }, EventBusName: BUS_NAME });
  return ruleView(findRule(store, region, data.Name, data.EventBusName));
};
