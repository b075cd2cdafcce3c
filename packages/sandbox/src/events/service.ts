import type http from 'node:http';
import { AwsError } from '../awsError.js';
import {
  jsonProtocolError,
  parseJsonObject,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
} from '../server.js';
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

const TARGET_PREFIX = 'AWSEvents.';

/** What an emulated EventBridge action gets besides its request. */
export interface EventsContext {
  readonly store: EventsStore;
  readonly bus: EventBus;
  readonly region: string;
}

/** One emulated EventBridge operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type EventsAction = (request: Record<string, unknown>, ctx: EventsContext) => unknown;

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
export function eventsService(ctx: Omit<EventsContext, 'region'>): SandboxService {
  return {
    name: 'events',
    matches: (req: http.IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const operation = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
      const action = eventsActions[operation];
      if (!action) {
        throw new AwsError(
          'UnknownOperationException',
          `The dynamo-dr sandbox does not emulate EventBridge ${operation}.`,
        );
      }
      const result = action(parseBody(req.body), { ...ctx, region: req.region });
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(result ?? {}),
      };
    },
    errorResponse: (error) => jsonProtocolError('com.amazonaws.events', error),
  };
}

const parseBody = (body: Buffer) =>
  parseJsonObject(
    body,
    () => new AwsError('SerializationException', 'Start of structure or map found where not expected'),
  );
