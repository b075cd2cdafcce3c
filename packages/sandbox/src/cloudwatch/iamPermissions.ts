import { gunzipSync } from 'node:zlib';
import type { RequiredPermission } from '../iam/serviceAuthorization.js';
import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { SandboxRequest } from '../server.js';

/** The operations that act on named alarms; the others (metrics, DescribeAlarms) have no resource: `*`. */
const ALARM_OPERATIONS = new Set(['PutMetricAlarm', 'SetAlarmState', 'DeleteAlarms', 'DescribeAlarmHistory']);

/**
 * CloudWatch's calls need `cloudwatch:{Operation}`: on each alarm's ARN (`arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME`)
 * for the operations on named alarms, on `*` otherwise; PutMetricData sets the `cloudwatch:namespace` condition
 * key, which policies use to scope it.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
 */
export function cloudWatchPermissions(request: SandboxRequest): RequiredPermission[] {
  const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  const body = parsedBody(request);
  if (!body) return [];
  const action = `cloudwatch:${operation}`;
  if (operation === 'PutMetricData') {
    return [{ action, resource: '*', context: { 'cloudwatch:namespace': [String(body.Namespace ?? '')] } }];
  }
  const names = Array.isArray(body.AlarmNames) ? body.AlarmNames : body.AlarmName === undefined ? [] : [body.AlarmName];
  if (!ALARM_OPERATIONS.has(operation) || names.length === 0) return [{ action, resource: '*' }];
  return names.map((name) => ({
    action,
    resource: `arn:aws:cloudwatch:${request.region}:${SANDBOX_ACCOUNT}:alarm:${String(name)}`,
  }));
}

/** The request's JSON (gunzipped: PutMetricData compresses large bodies), or undefined when it is not an object. */
function parsedBody(request: SandboxRequest): Record<string, unknown> | undefined {
  try {
    const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
    const value: unknown = JSON.parse(raw.toString() || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
