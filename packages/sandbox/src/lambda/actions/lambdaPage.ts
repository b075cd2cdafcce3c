import { pageAfter, type Page } from '../../pageOf.js';
import { invalidParameter, validation } from '../lambdaError.js';

/**
 * One page of a sorted list for Lambda's List* calls: `MaxItems` (1–10,000, `defaultSize` when absent) items
 * after the `Marker`; a marker the sandbox did not make is InvalidParameterValueException.
 */
export function lambdaPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  defaultSize: number,
  keyOf: (item: T) => string,
): Page<T> {
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : defaultSize;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 10_000) {
    throw validation('maxItems', query.get('MaxItems'), 'Member must have value between 1 and 10000');
  }
  const marker = query.get('Marker') ?? undefined;
  return pageAfter(items, marker || undefined, maxItems, { keyOf }, () =>
    invalidParameter(`Invalid marker: ${marker}`),
  );
}
