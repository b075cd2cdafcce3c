import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';
import { isTopicArn, regionOfArn } from '../snsStore.js';

/**
 * DeleteTopic, with its subscriptions; idempotent (deleting a topic that does
 * not exist is no error). Messages it received stay readable in the sink.
 * https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html
 */
export const deleteTopic: SnsAction = (params, { store, region }) => {
  const arn = queryString(params, 'TopicArn');
  if (arn === undefined || !isTopicArn(arn) || regionOfArn(arn) !== region) throw invalidParameter('TopicArn');
  delete store.data.topics[arn];
  for (const subscription of store.subscriptionsOf(arn)) delete store.data.subscriptions[subscription.arn];
  store.save();
  return undefined;
};
