import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { pageOf } from '../pageOf.js';
import { invalidParameter } from './snsErrors.js';
import type { SubscriptionRecord } from './snsStore.js';

/**
 * A page of subscriptions as ListSubscriptions and ListSubscriptionsByTopic
 * answer it: 100 a page, `PendingConfirmation` for an unconfirmed one's ARN.
 * https://docs.aws.amazon.com/sns/latest/api/API_Subscription.html
 */
export function subscriptionPage(subscriptions: readonly SubscriptionRecord[], token: string | undefined) {
  const sorted = [...subscriptions].sort((a, b) => a.arn.localeCompare(b.arn));
  const page = pageOf(sorted, token, 100, () => invalidParameter('NextToken'));
  return {
    Subscriptions: page.items.map((s) => ({
      SubscriptionArn: s.confirmed ? s.arn : 'PendingConfirmation',
      Owner: SANDBOX_ACCOUNT,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      TopicArn: s.topicArn,
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
