import { pageOf } from '../../pageOf.js';
import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { invalidParameter } from '../snsErrors.js';

/**
 * ListTopics: the Region's topics, 100 a page.
 * https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html
 */
export const listTopics: SnsAction = (params, { store, region }) => {
  const page = pageOf(store.topicsIn(region), queryString(params, 'NextToken'), 100, () =>
    invalidParameter('NextToken'),
  );
  return {
    Topics: page.items.map((t) => ({ TopicArn: t.arn })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};
