import { AwsError } from '../awsError.js';
import { pageAfter } from '../pageOf.js';
import { queryString, type QueryTree } from '../queryProtocol.js';
import { iamValidation } from './iamErrors.js';

/**
 * One page of a sorted list for IAM's List* calls: `MaxItems` (1–1000, default 100) after `Marker`, and
 * `IsTruncated` with the next `Marker` while more remain.
 */
export function iamPage<T>(items: readonly T[], request: QueryTree, keyOf: (item: T) => string) {
  const given = queryString(request, 'MaxItems');
  const max = given === undefined ? 100 : Number(given);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw iamValidation('maxItems', given, 'Member must have value between 1 and 1000');
  }
  const page = pageAfter(items, queryString(request, 'Marker') || undefined, max, { keyOf }, () => invalidMarker);
  return { page: page.items, IsTruncated: page.nextToken !== undefined, Marker: page.nextToken };
}

const invalidMarker = new AwsError('ValidationError', 'Invalid Marker.');
