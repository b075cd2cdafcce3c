import type { QueryTree } from '../queryProtocol.js';
import { queryService } from '../queryService.js';
import type { SandboxService } from '../server.js';
import { createTopic } from './actions/createTopic.js';
import { deleteTopic } from './actions/deleteTopic.js';
import { getTopicAttributes } from './actions/getTopicAttributes.js';
import { listSubscriptions } from './actions/listSubscriptions.js';
import { listSubscriptionsByTopic } from './actions/listSubscriptionsByTopic.js';
import { listTopics } from './actions/listTopics.js';
import { publish } from './actions/publish.js';
import { setTopicAttributes } from './actions/setTopicAttributes.js';
import { subscribe } from './actions/subscribe.js';
import { unsubscribe } from './actions/unsubscribe.js';
import { snsPermissions } from './iamPermissions.js';
import type { SnsStore } from './snsStore.js';

export const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** One emulated SNS operation: the request's parameters in, the `…Result` element's content out (none: undefined). */
export type SnsAction = (
  params: QueryTree,
  context: { readonly store: SnsStore; readonly region: string },
) => Record<string, unknown> | undefined;

/** The SNS operations the sandbox emulates, by `Action`. */
export const snsActions: Readonly<Record<string, SnsAction>> = {
  CreateTopic: createTopic,
  DeleteTopic: deleteTopic,
  ListTopics: listTopics,
  GetTopicAttributes: getTopicAttributes,
  SetTopicAttributes: setTopicAttributes,
  Subscribe: subscribe,
  Unsubscribe: unsubscribe,
  ListSubscriptions: listSubscriptions,
  ListSubscriptionsByTopic: listSubscriptionsByTopic,
  Publish: publish,
};

/**
 * SNS's query-protocol endpoint: requests signed for `sns` (the SDK's and the
 * AWS CLI's), `Action=…` in a form body, XML answers.
 */
export function snsService(store: SnsStore): SandboxService {
  return queryService({
    signingName: 'sns',
    title: 'SNS',
    namespace: SNS_NAMESPACE,
    actions: snsActions,
    run: ({ action, params, req }) => action(params, { store, region: req.region }),
    permissionsFor: snsPermissions,
  });
}
