import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { queryParameters, queryString } from '../queryProtocol.js';
import type { SandboxRequest } from '../server.js';
import { topicArn } from './snsStore.js';

/** Operations with no resource type of their own: allowed on `*`. */
const ON_ANYTHING = new Set(['ListTopics', 'ListSubscriptions', 'Unsubscribe']);

/**
 * The permission an SNS request needs: `sns:{Action}` on the topic it names (CreateTopic: the topic it would
 * make; Publish: `TopicArn` or `TargetArn`), `*` for the listings and Unsubscribe, which have no resource type.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
 */
export function snsPermissions(request: SandboxRequest): RequiredPermission[] {
  const params = queryParameters(request);
  const action = queryString(params, 'Action') ?? '';
  const name = queryString(params, 'Name');
  const resource = ON_ANYTHING.has(action)
    ? '*'
    : action === 'CreateTopic'
      ? name && topicArn(request.region, name)
      : (queryString(params, 'TopicArn') ?? queryString(params, 'TargetArn'));
  // A request without its topic is refused by the service before it touches anything.
  return resource ? [{ action: `sns:${action}`, resource }] : [];
}
