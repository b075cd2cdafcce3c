import { gunzipSync } from 'node:zlib';
import { jsonTargetRequest, type RequiredPermission } from '../iam/serviceAuthorization.js';
import type { SandboxRequest } from '../server.js';
import { alarmArn } from './cloudWatchStore.js';

/** The alarm operations, by the member that names their alarms. */
const ALARM_MEMBERS: Readonly<Record<string, string>> = {
  PutMetricAlarm: 'AlarmName',
  SetAlarmState: 'AlarmName',
  DescribeAlarmHistory: 'AlarmName',
  DeleteAlarms: 'AlarmNames',
  DescribeAlarms: 'AlarmNames',
};

/**
 * The permission a CloudWatch request needs: `cloudwatch:{Operation}` on each alarm it names
 * (`arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME`; every alarm, `alarm:*`, when a description names none), `*`
 * for the metric operations, which have no resource type; PutMetricData sets the `cloudwatch:namespace` condition
 * key, which policies scope it with.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
 */
export function cloudWatchPermissions(request: SandboxRequest): RequiredPermission[] {
  const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  const action = `cloudwatch:${operation}`;
  const member = ALARM_MEMBERS[operation];
  if (operation === 'PutMetricData') {
    const namespace = metricNamespace(request);
    return [
      {
        action,
        resource: '*',
        ...(namespace === undefined ? {} : { context: { 'cloudwatch:namespace': [namespace] } }),
      },
    ];
  }
  if (!member) return [{ action, resource: '*' }];
  const body = jsonTargetRequest(request)?.body;
  if (!body) return [];
  const names = [body[member]].flat().filter((name): name is string => typeof name === 'string');
  if (!names.length && operation.startsWith('Describe')) names.push('*');
  return names.map((name) => ({ action, resource: alarmArn(request.region, name) }));
}

/** The namespace a PutMetricData body names (gzip-compressed above 10 KB), or undefined when it names none. */
function metricNamespace(request: SandboxRequest): string | undefined {
  try {
    const gzipped = request.headers['content-encoding'] === 'gzip';
    const body: unknown = JSON.parse((gzipped ? gunzipSync(request.body) : request.body).toString() || '{}');
    const namespace = (body as { Namespace?: unknown } | null)?.Namespace;
    return typeof namespace === 'string' ? namespace : undefined;
  } catch {
    return undefined;
  }
}
