import type { LambdaAction } from '../service.js';
import { stringMap } from './stringMap.js';
import { taggedFunction } from './taggedFunction.js';

/**
 * TagResource: adds or replaces tags on a function; 204.
 * https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html
 */
export const tagResource: LambdaAction = ({ labels, body, region }, store) => {
  const fn = taggedFunction(store, region, labels[0] ?? '');
  Object.assign(fn.tags, stringMap(body.Tags, 'tags'));
  store.save();
  return { status: 204 };
};
