import { validationError } from '../../awsError.js';
import { validateRequest } from '../../validateRequest.js';
import { pageOf } from '../../pageOf.js';
import { BUS_NAME, LIMIT, NEXT_TOKEN, RULE_NAME } from '../eventsRules.js';
import { checkBus } from '../eventsStore.js';
import type { EventsAction } from '../service.js';
import { ruleView } from './ruleLookup.js';

/**
 * ListRules: by name prefix, in name order, `Limit` (default 100) a page.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html
 */
export const listRules: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, {
    NamePrefix: RULE_NAME,
    EventBusName: BUS_NAME,
    NextToken: NEXT_TOKEN,
    Limit: LIMIT,
  });
  checkBus(data.EventBusName, region);
  const prefix = (data.NamePrefix as string | undefined) ?? '';
  const rules = Object.values(store.rules(region))
    .filter((r) => r.Name.startsWith(prefix))
    .sort((a, b) => (a.Name < b.Name ? -1 : 1));
  const page = pageOf(rules, data.NextToken, (data.Limit as number | undefined) ?? 100, () =>
    validationError('The provided NextToken is not valid.'),
  );
  return { Rules: page.items.map(ruleView), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};
