import { jsonTargetService, type JsonAction } from '../jsonTargetService.js';
import { jsonProtocolError, type SandboxService } from '../server.js';
import { deleteRule } from './actions/deleteRule.js';
import { describeRule } from './actions/describeRule.js';
import { listRules } from './actions/listRules.js';
import { listTargetsByRule } from './actions/listTargetsByRule.js';
import { putEvents } from './actions/putEvents.js';
import { putRule } from './actions/putRule.js';
import { putTargets } from './actions/putTargets.js';
import { removeTargets } from './actions/removeTargets.js';
import type { EventBus } from './eventBus.js';
import type { EventsStore } from './eventsStore.js';
import { eventsPermissions } from './iamPermissions.js';

/** What an emulated EventBridge action gets besides its request. */
export interface EventsContext {
  readonly store: EventsStore;
  readonly bus: EventBus;
  readonly region: string;
}

/** One emulated EventBridge operation. */
export type EventsAction = JsonAction<Omit<EventsContext, 'region'>>;

/** The EventBridge operations the sandbox emulates, by `X-Amz-Target` name. */
export const eventsActions: Readonly<Record<string, EventsAction>> = {
  PutRule: putRule,
  DescribeRule: describeRule,
  ListRules: listRules,
  DeleteRule: deleteRule,
  PutTargets: putTargets,
  ListTargetsByRule: listTargetsByRule,
  RemoveTargets: removeTargets,
  PutEvents: putEvents,
};

/** EventBridge's JSON 1.1 endpoint (`X-Amz-Target: AWSEvents.*`), the default event bus only. */
export function eventsService(context: Omit<EventsContext, 'region'>): SandboxService {
  return jsonTargetService({
    name: 'EventBridge',
    targetPrefix: 'AWSEvents.',
    contentType: 'application/x-amz-json-1.1',
    actions: eventsActions,
    context,
    errorResponse: (error) => jsonProtocolError('com.amazonaws.events', error),
    authorization: { permissionsFor: eventsPermissions },
  });
}
