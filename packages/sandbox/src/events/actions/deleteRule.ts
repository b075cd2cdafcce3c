import { validationError } from '../../awsError.js';
import { validateRequest } from '../../validateRequest.js';
import { BUS_NAME, RULE_NAME } from '../eventsRules.js';
import { checkBus } from '../eventsStore.js';
import type { EventsAction } from '../service.js';

/**
 * DeleteRule: refused while the rule has targets (remove them first); deleting
 * a rule that does not exist is no error.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteRule.html
 */
export const deleteRule: EventsAction = (request, { store, region }) => {
  const data = validateRequest(request, {
    Name: { ...RULE_NAME, notNull: true },
    EventBusName: BUS_NAME,
    Force: { type: 'Boolean' },
  });
  checkBus(data.EventBusName, region);
  const rules = store.rules(region);
  const rule = rules[data.Name as string];
  if (!rule) return {};
  if (rule.targets.length) throw validationError("Rule can't be deleted since it has targets.");
  delete rules[rule.Name];
  store.save();
  return {};
};
