import type { QueryRequest } from '../queryRequest.js';
import { iamValidation } from './iamErrors.js';

/**
 * One page of a sorted list for IAM's List* calls: `MaxItems` (1–1000, default 100) after `Marker`, and
 * `IsTruncated` with the next `Marker` while more remain.
 */
export function pageOf<T>(items: readonly T[], request: QueryRequest, keyOf: (item: T) => string) {
  const max = request.get('MaxItems') === undefined ? 100 : Number(request.get('MaxItems'));
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw iamValidation('maxItems', request.get('MaxItems'), 'Member must have value between 1 and 1000');
  }
  const marker = request.get('Marker');
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
