import { gunzipSync } from 'node:zlib';
import type { AwsError } from '../awsError.js';
import { jsonTargetService, type JsonAction } from '../jsonTargetService.js';
import type { SandboxResponse, SandboxService } from '../server.js';
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
import { cloudWatchPermissions } from './iamPermissions.js';

/** What an emulated CloudWatch action gets besides its request. */
export interface CloudWatchContext {
  readonly store: CloudWatchStore;
  readonly transitions: AlarmTransitions;
  readonly region: string;
}

/** One emulated CloudWatch operation. */
export type CloudWatchAction = JsonAction<Omit<CloudWatchContext, 'region'>>;

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
export function cloudWatchService(context: Omit<CloudWatchContext, 'region'>): SandboxService {
  return jsonTargetService({
    name: 'CloudWatch',
    targetPrefix: 'GraniteServiceVersion20100801.',
    contentType: 'application/x-amz-json-1.0',
    actions: cloudWatchActions,
    context,
    decode: (req) => (req.headers['content-encoding'] === 'gzip' ? gunzipSync(req.body) : req.body),
    errorResponse: cloudWatchError,
    authorization: { permissionsFor: cloudWatchPermissions },
  });
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
