import { randomUUID } from 'node:crypto';
import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';

/** What each protocol's endpoint must look like. */
const ENDPOINTS: Readonly<Record<string, RegExp>> = {
  http: /^http:\/\/\S+$/,
  https: /^https:\/\/\S+$/,
  email: /^[^@\s]+@[^@\s]+$/,
  'email-json': /^[^@\s]+@[^@\s]+$/,
  sms: /^\+?[0-9]{6,15}$/,
  sqs: /^arn:aws[a-z-]*:sqs:/,
  lambda: /^arn:aws[a-z-]*:lambda:/,
  firehose: /^arn:aws[a-z-]*:firehose:/,
  application: /^arn:aws[a-z-]*:sns:[^:]+:\d{12}:endpoint\//,
};

/** Email subscriptions wait for the recipient to confirm; the sandbox has no mailbox, so they stay pending. */
const NEEDS_CONFIRMATION = new Set(['email', 'email-json']);

/**
 * Subscribe: the same topic, protocol and endpoint give the same subscription.
 * `http`/`https` ones are confirmed at once here (AWS first POSTs a
 * SubscriptionConfirmation that the endpoint must confirm) and receive each
 * message by POST; other protocols only record the subscription.
 * https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html
 */
export const subscribe: SnsAction = (params, { store, region }) => {
  const topic = store.topic(queryString(params, 'TopicArn'), region);
  const protocol = queryString(params, 'Protocol');
  const pattern = protocol === undefined ? undefined : ENDPOINTS[protocol];
  if (protocol === undefined || !pattern) {
    throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol ?? ''}`);
  }
  const endpoint = queryString(params, 'Endpoint') ?? '';
  if (!pattern.test(endpoint)) throw invalidParameter('Endpoint must match the specified protocol');
  const existing = store.subscriptionsOf(topic.arn).find((s) => s.protocol === protocol && s.endpoint === endpoint);
  const subscription = existing ?? {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    endpoint,
    confirmed: !NEEDS_CONFIRMATION.has(protocol),
  };
  if (!existing) {
    store.data.subscriptions[subscription.arn] = subscription;
    store.save();
  }
  const returnArn = subscription.confirmed || queryString(params, 'ReturnSubscriptionArn') === 'true';
  return { SubscriptionArn: returnArn ? subscription.arn : 'pending confirmation' };
};
