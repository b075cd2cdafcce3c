import { validationError } from '../../awsError.js';
import { validateRequest } from '../../validateRequest.js';
import { pageOf } from '../../pageOf.js';
import { BUS_NAME, LIMIT, NEXT_TOKEN, RULE_NAME } from '../eventsRules.js';
import type { EventsAction } from '../service.js';
import { findRule } from './ruleLookup.js';

/**
 * ListTargetsByRule; ResourceNotFoundException for an unknown rule.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListTargetsByRule.html
 */
export const listTargetsByRule: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, {
    Rule: { ...RULE_NAME, notNull: true },
    EventBusName: BUS_NAME,
    NextToken: NEXT_TOKEN,
    Limit: LIMIT,
  });
  const rule = findRule(store, region, data.Rule, data.EventBusName);
  const page = pageOf(rule.targets, data.NextToken, (data.Limit as number | undefined) ?? 100, () =>
    validationError('The provided NextToken is not valid.'),
  );
  return { Targets: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};
