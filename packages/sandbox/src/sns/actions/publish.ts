import { queryMap, queryString, type QueryTree } from '../../queryProtocol.js';
import { publishToTopic } from '../publishToTopic.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';
import type { SnsMessage } from '../snsStore.js';

// https://docs.aws.amazon.com/sns/latest/api/API_Publish.html: messages up to 256 KB; subjects up to
// 100 printable ASCII characters, no line breaks.
const MAX_MESSAGE_BYTES = 262_144;
const SUBJECT = /^[\x20-\x7e]{1,100}$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary|String\.Array)(\..+)?$/;

/**
 * Publish to a topic (`TopicArn`, or `TargetArn` naming one); with
 * `MessageStructure=json` the message is a JSON object whose `default` entry
 * is what the sink records.
 */
export const publish: SnsAction = (params, { store, region }) => {
  if (queryString(params, 'PhoneNumber') !== undefined) {
    throw invalidParameter('PhoneNumber Reason: the dynamo-dr sandbox publishes to topics only');
  }
  const arn = queryString(params, 'TopicArn') ?? queryString(params, 'TargetArn');
  store.topic(arn, region, queryString(params, 'TopicArn') === undefined ? 'TargetArn' : 'TopicArn');
  let message = queryString(params, 'Message') ?? '';
  if (message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (queryString(params, 'MessageStructure') === 'json') message = defaultEntry(message);
  const subject = queryString(params, 'Subject');
  if (subject !== undefined && !SUBJECT.test(subject)) throw invalidParameter('Subject');
  const sent = publishToTopic(store, arn as string, { message, subject, attributes: messageAttributes(params) });
  return { MessageId: sent.MessageId };
};

function defaultEntry(message: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const entry = (parsed as Record<string, unknown> | null)?.default;
  if (typeof entry !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  return entry;
}

function messageAttributes(params: QueryTree): NonNullable<SnsMessage['MessageAttributes']> {
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, raw] of queryMap(params, 'MessageAttributes', 'Name', 'Value')) {
    const value = typeof raw === 'object' ? (raw as QueryTree) : undefined;
    const type = queryString(value, 'DataType');
    if (type === undefined || !ATTRIBUTE_TYPE.test(type)) {
      throw invalidParameter(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const text = queryString(value, type.startsWith('Binary') ? 'BinaryValue' : 'StringValue');
    if (text === undefined) {
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
      );
    }
    attributes[name] = { Type: type, Value: text };
  }
  return attributes;
}
