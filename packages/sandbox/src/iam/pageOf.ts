import { iamValidation } from './iamErrors.js';
import { queryString, type QueryTree } from '../queryProtocol.js';

/**
 * One page of a sorted list for IAM's List* calls: `MaxItems` (1–1000, default 100) after `Marker`, and
 * `IsTruncated` with the next `Marker` while more remain.
 */
export function pageOf<T>(items: readonly T[], request: QueryTree, keyOf: (item: T) => string) {
  const max = queryString(request, 'MaxItems') === undefined ? 100 : Number(queryString(request, 'MaxItems'));
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw iamValidation('maxItems', queryString(request, 'MaxItems'), 'Member must have value between 1 and 1000');
  }
  const marker = queryString(request, 'Marker');
  const after = marker ? Buffer.from(marker, 'base64url').toString() : undefined;
  const start = after === undefined ? 0 : items.findIndex((item) => keyOf(item) > after);
  const from = start < 0 ? items.length : start;
  const page = items.slice(from, from + max);
  const last = page.at(-1);
  const truncated = from + max < items.length && last !== undefined;
  return {
    page,
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(keyOf(last)).toString('base64url') : undefined,
  };
}
