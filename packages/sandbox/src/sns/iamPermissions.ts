import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { queryString } from '../queryProtocol.js';
import type { QueryCall } from '../queryService.js';
import type { SnsAction } from './service.js';
import { topicArn } from './snsStore.js';

/** Operations with no resource type of their own: allowed on `*`. */
const ON_ANYTHING = new Set(['ListTopics', 'ListSubscriptions', 'Unsubscribe']);

/**
 * The permission an SNS request needs: `sns:{Action}` on the topic it names (CreateTopic: the topic it would
 * make; Publish: `TopicArn` or `TargetArn`), `*` for the listings and Unsubscribe, which have no resource type.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
 */
export function snsPermissions({ name, params, req }: QueryCall<SnsAction>): RequiredPermission[] {
  const topic = queryString(params, 'Name');
  const resource = ON_ANYTHING.has(name)
    ? '*'
    : name === 'CreateTopic'
      ? topic && topicArn(req.region, topic)
      : (queryString(params, 'TopicArn') ?? queryString(params, 'TargetArn'));
  // A request without its topic is refused by the service before it touches anything.
  return resource ? [{ action: `sns:${name}`, resource }] : [];
}
