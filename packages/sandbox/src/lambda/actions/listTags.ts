import type { LambdaAction } from '../service.js';
import { taggedFunction } from './taggedFunction.js';

/**
 * ListTags: a function's tags (`{}` when it has none).
 * https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html
 */
export const listTags: LambdaAction = ({ labels, region }, store) => ({
  status: 200,
  body: { Tags: taggedFunction(store, region, labels[0] ?? '').tags },
});
