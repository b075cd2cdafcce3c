import { pageOf, type Page } from '../../pageOf.js';
import { sfnErrors } from '../sfnErrors.js';

/**
 * One page of a Step Functions listing: `maxResults` (0 or absent: AWS's
 * default of 100, at most 1000) from where `nextToken` says.
 */
export function sfnPage<T>(all: readonly T[], request: Record<string, unknown>): Page<T> {
  const size =
    typeof request.maxResults === 'number' && request.maxResults > 0 ? Math.min(request.maxResults, 1000) : 100;
  return pageOf(all, request.nextToken, size, () => sfnErrors.invalidToken(String(request.nextToken)));
}
