import { isDeepStrictEqual } from 'node:util';
import { queryList, queryMap, queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';
import { topicArn } from '../snsStore.js';

// Topic names: 1–256 of A-Za-z0-9_-, and `.fifo` at the end of a FIFO topic's.
const NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

/**
 * CreateTopic: idempotent by name, so the same name gives the same ARN, unless
 * attributes or tags differ from the existing topic's.
 * https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
 */
export const createTopic: SnsAction = (params, { store, region }) => {
  const name = queryString(params, 'Name');
  const attributes = Object.fromEntries(
    [...queryMap(params, 'Attributes')].filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const fifo = attributes.FifoTopic === 'true';
  if (name === undefined || !(fifo ? FIFO_NAME : NAME).test(name)) {
    throw invalidParameter(
      fifo
        ? 'Topic Name: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
        : 'Topic Name',
    );
  }
  const tags = queryList(params, 'Tags').map((tag) => ({
    Key: queryString(typeof tag === 'object' ? tag : undefined, 'Key') ?? '',
    Value: queryString(typeof tag === 'object' ? tag : undefined, 'Value') ?? '',
  }));
  const arn = topicArn(region, name);
  const existing = store.data.topics[arn];
  if (existing) {
    if (!isDeepStrictEqual(existing.attributes, attributes) && Object.keys(attributes).length) {
      throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
    }
    if (tags.length && !isDeepStrictEqual(existing.tags, tags)) {
      throw invalidParameter('Tags Reason: Topic already exists with different tags');
    }
    return { TopicArn: arn };
  }
  store.data.topics[arn] = { arn, name, attributes, tags };
  store.save();
  return { TopicArn: arn };
};
