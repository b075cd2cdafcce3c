import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter, subscriptionNotFound } from '../snsErrors.js';

const SUBSCRIPTION_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+:[0-9a-f-]{36}$/;

/**
 * Unsubscribe: NotFound for a well-formed ARN of no subscription.
 * https://docs.aws.amazon.com/sns/latest/api/API_Unsubscribe.html
 */
export const unsubscribe: SnsAction = (params, { store }) => {
  const arn = queryString(params, 'SubscriptionArn');
  if (arn === undefined || !SUBSCRIPTION_ARN.test(arn)) throw invalidParameter('SubscriptionArn');
  if (!store.data.subscriptions[arn]) throw subscriptionNotFound();
  delete store.data.subscriptions[arn];
  store.save();
  return undefined;
};
