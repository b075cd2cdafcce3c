import type http from 'node:http';
import { AwsError } from './awsError.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from './server.js';
import type { SnsMessage } from './sns/snsStore.js';

/** What the admin routes read and do. */
export interface MonitoringAdmin {
  /** Every message a topic received, oldest first. */
  snsMessages(topicArn: string): readonly SnsMessage[];
  /** Evaluates every alarm now; the alarms' names and states after it. */
  evaluateAlarms(): { AlarmName: string; StateValue: string }[];
}

const ROUTES = /^\/_sandbox\/(sns|cloudwatch)\//;

/**
 * The sandbox's admin routes for what tests of monitoring read and trigger,
 * beside the fault routes (`/_sandbox/faults`):
 * - `GET /_sandbox/sns/messages?topic={TopicArn}`: `{ messages: [...] }`, what the topic received
 * - `POST /_sandbox/cloudwatch/evaluate`: evaluates every alarm now; `{ alarms: [{ AlarmName, StateValue }] }`
 *
 * @example
 * curl 'localhost:4566/_sandbox/sns/messages?topic=arn:aws:sns:us-east-1:123456789012:alarms'
 */
export function monitoringAdminService(admin: MonitoringAdmin): SandboxService {
  return {
    name: 'sandbox-monitoring-admin',
    matches: (req: http.IncomingMessage) => ROUTES.test(req.url ?? ''),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const route = `${req.method} ${req.url.pathname}`;
      if (route === 'GET /_sandbox/sns/messages') {
        const topic = req.url.searchParams.get('topic');
        if (!topic) {
          throw new AwsError(
            'ValidationException',
            'GET /_sandbox/sns/messages needs ?topic={TopicArn}, e.g. ?topic=arn:aws:sns:us-east-1:123456789012:alarms.',
          );
        }
        return json(200, { messages: admin.snsMessages(topic) });
      }
      if (route === 'POST /_sandbox/cloudwatch/evaluate') return json(200, { alarms: admin.evaluateAlarms() });
      throw new AwsError(
        'NotFound',
        `No sandbox admin route ${route}; use GET /_sandbox/sns/messages?topic=ARN or POST /_sandbox/cloudwatch/evaluate.`,
        404,
      );
    },
    errorResponse: (error) => json(error.statusCode, { error: error.type, message: error.message }),
    // Not an AWS API: no IAM action guards it, whoever signs the request.
    authorization: { permissionsFor: () => [] },
  };
}

function json(statusCode: number, value: unknown): SandboxResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
