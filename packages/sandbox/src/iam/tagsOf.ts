import type { QueryRequest } from '../queryRequest.js';
import { iamValidation } from './iamErrors.js';
import type { Tag } from './iamStore.js';

/** The request's `Tags.member.N.Key/Value`, each with a key. */
export function tagsOf(request: QueryRequest): Tag[] {
  return request.structures('Tags').map((t, i) => {
    if (t.Key === undefined) throw iamValidation(`tags.${i + 1}.member.key`, undefined, 'Member must not be null');
    return { Key: t.Key, Value: t.Value ?? '' };
  });
}
