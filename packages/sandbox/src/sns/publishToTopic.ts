import { randomUUID } from 'node:crypto';
import { regionOfArn, type SnsMessage, type SnsStore, type SubscriptionRecord } from './snsStore.js';

/** What a publisher hands a topic: Publish, a CloudWatch alarm action, an EventBridge target. */
export interface Publication {
  readonly message: string;
  readonly subject?: string;
  readonly attributes?: SnsMessage['MessageAttributes'];
}

/** Publishes to an SNS topic ARN; throws (e.g. NotFound) when it cannot. */
export type TopicPublisher = (topicArn: string, publication: Publication) => void;

/**
 * Publishes to a topic: the message is recorded in the topic's sink at once
 * (what tests read), then POSTed to every confirmed `http`/`https`
 * subscription as SNS's HTTP notification document, once and unsigned.
 * Throws the store's NotFound for an unknown topic.
 * https://docs.aws.amazon.com/sns/latest/dg/http-notification-json.html
 */
export function publishToTopic(store: SnsStore, topicArn: string, publication: Publication): SnsMessage {
  store.topic(topicArn, regionOfArn(topicArn));
  const message: SnsMessage = {
    MessageId: randomUUID(),
    TopicArn: topicArn,
    ...(publication.subject !== undefined ? { Subject: publication.subject } : {}),
    Message: publication.message,
    Timestamp: new Date().toISOString(),
    ...(publication.attributes && Object.keys(publication.attributes).length
      ? { MessageAttributes: publication.attributes }
      : {}),
  };
  (store.data.messages[topicArn] ??= []).push(message);
  store.save();
  for (const subscription of store.subscriptionsOf(topicArn)) {
    if (subscription.confirmed && /^https?$/.test(subscription.protocol)) deliver(subscription, message);
  }
  return message;
}

function deliver(subscription: SubscriptionRecord, message: SnsMessage): void {
  // Fire and forget: SNS retries per its delivery policy; the sandbox tries once and never blocks the publisher.
  void fetch(subscription.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': message.MessageId,
      'x-amz-sns-topic-arn': message.TopicArn,
      'x-amz-sns-subscription-arn': subscription.arn,
    },
    body: JSON.stringify({ Type: 'Notification', ...message, SignatureVersion: '1' }),
  })
    .then((response) => response.body?.cancel())
    .catch(() => undefined);
}
