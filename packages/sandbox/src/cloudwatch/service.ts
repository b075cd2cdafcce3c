import { gunzipSync } from 'node:zlib';
import type http from 'node:http';
import { AwsError } from '../awsError.js';
import { parseJsonObject, type SandboxRequest, type SandboxResponse, type SandboxService } from '../server.js';
import { deleteAlarms } from './actions/deleteAlarms.js';
import { describeAlarmHistory } from './actions/describeAlarmHistory.js';
import { describeAlarms } from './actions/describeAlarms.js';
import { getMetricData } from './actions/getMetricData.js';
import { getMetricStatistics } from './actions/getMetricStatistics.js';
import { listMetrics } from './actions/listMetrics.js';
import { putMetricAlarm } from './actions/putMetricAlarm.js';
import { putMetricData } from './actions/putMetricData.js';
import { setAlarmState } from './actions/setAlarmState.js';
import type { AlarmTransitions } from './alarmTransitions.js';
import { QUERY_ERROR_CODES } from './cloudWatchErrors.js';
import type { CloudWatchStore } from './cloudWatchStore.js';

const TARGET_PREFIX = 'GraniteServiceVersion20100801.';

/** What an emulated CloudWatch action gets besides its request. */
export interface CloudWatchContext {
  readonly store: CloudWatchStore;
  readonly transitions: AlarmTransitions;
  readonly region: string;
}

/** One emulated CloudWatch operation: request JSON in, response JSON out, or an {@link AwsError} thrown. */
export type CloudWatchAction = (request: Record<string, unknown>, ctx: CloudWatchContext) => unknown;

/** The CloudWatch operations the sandbox emulates, by `X-Amz-Target` name. */
export const cloudWatchActions: Readonly<Record<string, CloudWatchAction>> = {
  PutMetricData: putMetricData,
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  ListMetrics: listMetrics,
  PutMetricAlarm: putMetricAlarm,
  DescribeAlarms: describeAlarms,
  DescribeAlarmHistory: describeAlarmHistory,
  SetAlarmState: setAlarmState,
  DeleteAlarms: deleteAlarms,
};

/**
 * CloudWatch's JSON 1.0 endpoint (`X-Amz-Target: GraniteServiceVersion20100801.*`),
 * which both the SDK v3 CloudWatchClient and the AWS CLI v1 speak (the service
 * model lists JSON before the query protocol and RPC v2 CBOR). The service is
 * "query compatible": each error also carries its query code in
 * `x-amzn-query-error`. Request bodies may be gzip-compressed (PutMetricData
 * is, above 10 KB).
 */
export function cloudWatchService(ctx: Omit<CloudWatchContext, 'region'>): SandboxService {
  return {
    name: 'cloudwatch',
    matches: (req: http.IncomingMessage) => String(req.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX),
    async handle(req: SandboxRequest): Promise<SandboxResponse> {
      const operation = String(req.headers['x-amz-target']).slice(TARGET_PREFIX.length);
      const action = cloudWatchActions[operation];
      if (!action) {
        throw new AwsError(
          'UnknownOperationException',
          `The dynamo-dr sandbox does not emulate CloudWatch ${operation}.`,
        );
      }
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body) : req.body;
      const result = action(parseBody(body), { ...ctx, region: req.region });
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify(result ?? {}),
      };
    },
    errorResponse: cloudWatchError,
  };
}

function cloudWatchError(error: AwsError): SandboxResponse {
  const type = error.statusCode >= 500 ? 'InternalServiceFault' : error.type;
  const code = QUERY_ERROR_CODES[type] ?? type;
  return {
    statusCode: error.statusCode,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': `${code};${error.statusCode >= 500 ? 'Receiver' : 'Sender'}`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${type}`, message: error.message }),
  };
}

const parseBody = (body: Buffer) =>
  parseJsonObject(
    body,
    () => new AwsError('SerializationException', 'Start of structure or map found where not expected'),
  );
