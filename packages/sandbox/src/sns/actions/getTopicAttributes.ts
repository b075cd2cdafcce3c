import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';

/**
 * GetTopicAttributes: the topic's own attributes over SNS's defaults (the
 * default access policy, the default HTTP delivery policy, subscription counts).
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
export const getTopicAttributes: SnsAction = (params, { store, region }) => {
  const topic = store.topic(queryString(params, 'TopicArn'), region);
  const subscriptions = store.subscriptionsOf(topic.arn);
  const confirmed = subscriptions.filter((s) => s.confirmed).length;
  return {
    Attributes: new Map(
      Object.entries({
        Policy: JSON.stringify(defaultPolicy(topic.arn)),
        Owner: SANDBOX_ACCOUNT,
        SubscriptionsPending: String(subscriptions.length - confirmed),
        TopicArn: topic.arn,
        EffectiveDeliveryPolicy: JSON.stringify(DEFAULT_DELIVERY_POLICY),
        SubscriptionsConfirmed: String(confirmed),
        DisplayName: '',
        SubscriptionsDeleted: '0',
        ...topic.attributes,
      }),
    ),
  };
};

// https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html (the policy every new topic has)
function defaultPolicy(arn: string) {
  return {
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': SANDBOX_ACCOUNT } },
      },
    ],
  };
}

// https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html (HTTP/S default policy)
const DEFAULT_DELIVERY_POLICY = {
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
};
