import { queryString } from '../../queryProtocol.js';
import type { SnsAction } from '../service.js';
import { regionOfArn } from '../snsStore.js';
import { subscriptionPage } from '../subscriptionView.js';

/**
 * ListSubscriptions: the Region's subscriptions, 100 a page.
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptions.html
 */
export const listSubscriptions: SnsAction = (params, { store, region }) =>
  subscriptionPage(
    Object.values(store.data.subscriptions).filter((s) => regionOfArn(s.topicArn) === region),
    queryString(params, 'NextToken'),
  );
