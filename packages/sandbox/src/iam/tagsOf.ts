import { iamValidation } from './iamErrors.js';
import type { Tag } from './iamStore.js';
import { queryString, queryStructures, type QueryTree } from '../queryProtocol.js';

/** The request's `Tags.member.N.Key/Value`, each with a key. */
export function tagsOf(request: QueryTree): Tag[] {
  return queryStructures(request, 'Tags').map((tag, i) => {
    const key = queryString(tag, 'Key');
    if (key === undefined) throw iamValidation(`tags.${i + 1}.member.key`, undefined, 'Member must not be null');
    return { Key: key, Value: queryString(tag, 'Value') ?? '' };
  });
}
