import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { subscriptionPage } from '../subscriptionView.js';

/**
 * ListSubscriptionsByTopic: NotFound for an unknown topic.
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html
 */
export const listSubscriptionsByTopic: SnsAction = (params, { store, region }) => {
  const topic = store.topic(queryString(params, 'TopicArn'), region);
  return subscriptionPage(store.subscriptionsOf(topic.arn), queryString(params, 'NextToken'));
};
