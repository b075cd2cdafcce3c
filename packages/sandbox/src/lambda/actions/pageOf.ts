import { validation } from '../lambdaError.js';

/**
 * One page of a sorted list for Lambda's List* calls: `MaxItems` (1–10,000)
 * items after the `Marker`, which is an opaque encoding of the last key
 * returned. Undefined when the marker is not one the sandbox made.
 */
export function pageOf<T>(
  items: readonly T[],
  query: URLSearchParams,
  defaultSize: number,
  keyOf: (item: T) => string,
): { items: T[]; next?: string } | undefined {
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : defaultSize;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw validation('maxItems', query.get('MaxItems'), 'Member must have value between 1 and 10000');
  }
  const marker = query.get('Marker');
  let start = 0;
  if (marker) {
    const after = Buffer.from(marker, 'base64url').toString();
    if (!after.startsWith('k:')) return undefined;
    start = items.findIndex((item) => keyOf(item) > after.slice(2));
    if (start < 0) start = items.length;
  }
  const page = items.slice(start, start + maxItems);
  const last = page.at(-1);
  const more = start + maxItems < items.length && last !== undefined;
  return { items: page, next: more ? Buffer.from(`k:${keyOf(last)}`).toString('base64url') : undefined };
}
