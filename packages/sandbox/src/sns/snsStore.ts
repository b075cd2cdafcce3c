import { JsonStateFile } from '../jsonStateFile.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import { invalidParameter, topicNotFound } from './snsErrors.js';

export interface TopicRecord {
  readonly arn: string;
  readonly name: string;
  /** Attributes set at creation or by SetTopicAttributes (DisplayName, Policy, FifoTopic…), as given. */
  attributes: Record<string, string>;
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
}

export interface SubscriptionRecord {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** Email subscriptions wait for a confirmation that never comes here; every other protocol is confirmed at once. */
  readonly confirmed: boolean;
}

/** One message as a topic received it: what a test reads from the sandbox's sink. */
export interface SnsMessage {
  readonly MessageId: string;
  readonly TopicArn: string;
  readonly Subject?: string;
  readonly Message: string;
  /** ISO 8601 with milliseconds, as SNS stamps its notifications. */
  readonly Timestamp: string;
  readonly MessageAttributes?: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

interface SnsState {
  topics: Record<string, TopicRecord>;
  subscriptions: Record<string, SubscriptionRecord>;
  /** Every message published, per topic ARN, oldest first. */
  messages: Record<string, SnsMessage[]>;
}

// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: arn:aws:sns:region:account:topic[:subscription]
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})$/;

/** Topics, subscriptions and the message sink, in memory or in `file`. ARNs carry their region. */
export class SnsStore {
  private readonly state: JsonStateFile<SnsState>;

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ topics: {}, subscriptions: {}, messages: {} }));
  }

  get data(): SnsState {
    return this.state.data;
  }

  /** Persists after a change. */
  save(): void {
    this.state.save();
  }

  /**
   * The topic an ARN names in `region` (the Region of the request); InvalidParameter for a malformed ARN or one of
   * another Region (SNS's answer to a cross-Region TopicArn), NotFound for an unknown one.
   */
  topic(arn: string | undefined, region: string, parameter = 'TopicArn'): TopicRecord {
    if (arn === undefined || !TOPIC_ARN.test(arn) || regionOfArn(arn) !== region) throw invalidParameter(parameter);
    const topic = this.state.data.topics[arn];
    if (!topic) throw topicNotFound();
    return topic;
  }

  topicsIn(region: string): TopicRecord[] {
    return Object.values(this.state.data.topics)
      .filter((t) => regionOfArn(t.arn) === region)
      .sort((a, b) => a.arn.localeCompare(b.arn));
  }

  subscriptionsOf(topicArn: string): SubscriptionRecord[] {
    return Object.values(this.state.data.subscriptions).filter((s) => s.topicArn === topicArn);
  }

  /** What a topic has received so far (empty for a topic never published to). */
  messages(topicArn: string): readonly SnsMessage[] {
    return this.state.data.messages[topicArn] ?? [];
  }
}

export function topicArn(region: string, name: string): string {
  return `arn:aws:sns:${region}:${SANDBOX_ACCOUNT}:${name}`;
}

export function isTopicArn(arn: string): boolean {
  return TOPIC_ARN.test(arn);
}

export function regionOfArn(arn: string): string {
  return arn.split(':')[3] ?? '';
}
