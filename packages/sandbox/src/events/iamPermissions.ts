import { jsonTargetRequest, type RequiredPermission } from '../iam/serviceAuthorization.js';
import type { SandboxRequest } from '../server.js';
import { defaultBusArn, ruleArn } from './eventsStore.js';

/**
 * The permission an EventBridge request needs: `events:{Operation}` on the rule it names
 * (`arn:aws:events:REGION:ACCOUNT:rule/NAME`, the default bus's), PutEvents on the default bus, ListRules on `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoneventbridge.html
 */
export function eventsPermissions(request: SandboxRequest): RequiredPermission[] {
  const parsed = jsonTargetRequest(request);
  if (!parsed) return [];
  const { operation, body } = parsed;
  const action = `events:${operation}`;
  if (operation === 'ListRules') return [{ action, resource: '*' }];
  if (operation === 'PutEvents') return [{ action, resource: defaultBusArn(request.region) }];
  const rule = operation === 'ListTargetsByRule' || operation.endsWith('Targets') ? body.Rule : body.Name;
  // A request without its rule is refused by the service before it touches anything.
  return typeof rule === 'string' ? [{ action, resource: ruleArn(request.region, rule) }] : [];
}
