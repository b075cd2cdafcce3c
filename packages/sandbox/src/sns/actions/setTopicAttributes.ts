import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';

/**
 * The attributes SetTopicAttributes may change (FifoTopic is fixed at creation); the sandbox keeps them, and
 * neither enforces a Policy nor applies a DeliveryPolicy.
 * https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html
 */
const SETTABLE = new Set([
  'DisplayName',
  'Policy',
  'DeliveryPolicy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'ArchivePolicy',
  'DataProtectionPolicy',
]);

/** SetTopicAttributes: one attribute of an existing topic (what AWS::SNS::TopicPolicy sets, too). */
export const setTopicAttributes: SnsAction = (params, { store, region }) => {
  const topic = store.topic(queryString(params, 'TopicArn'), region);
  const name = queryString(params, 'AttributeName');
  if (name === undefined || !SETTABLE.has(name)) throw invalidParameter('AttributeName');
  const value = queryString(params, 'AttributeValue') ?? '';
  if (name === 'Policy' && !isJsonObject(value)) throw invalidParameter('Policy: Invalid policy document');
  topic.attributes[name] = value;
  store.save();
  return undefined;
};

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return !!value && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
