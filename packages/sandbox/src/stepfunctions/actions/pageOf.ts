import { sfnErrors } from '../sfnErrors.js';

/**
 * One page of a listing: `maxResults` (0 or absent: AWS's default of 100,
 * at most 1000) from the position `nextToken` gives.
 */
export function pageOf<T>(all: readonly T[], request: Record<string, unknown>): { items: T[]; nextToken?: string } {
  const size =
    typeof request.maxResults === 'number' && request.maxResults > 0 ? Math.min(request.maxResults, 1000) : 100;
  let start = 0;
  if (request.nextToken !== undefined) {
    start = Number.parseInt(Buffer.from(String(request.nextToken), 'base64url').toString(), 10);
    if (!Number.isInteger(start) || start < 0) throw sfnErrors.invalidToken(String(request.nextToken));
  }
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return { items, ...(end < all.length && { nextToken: Buffer.from(String(end)).toString('base64url') }) };
}
