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
 * for the metric operations, which have no resource type.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
 */
export function cloudWatchPermissions(request: SandboxRequest): RequiredPermission[] {
  const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  const action = `cloudwatch:${operation}`;
  const member = ALARM_MEMBERS[operation];
  // A metric body may be gzip-compressed: its resource is `*` whatever it holds.
  if (!member) return [{ action, resource: '*' }];
  const body = jsonTargetRequest(request)?.body;
  if (!body) return [];
  const names = [body[member]].flat().filter((name): name is string => typeof name === 'string');
  if (!names.length && operation.startsWith('Describe')) names.push('*');
  return names.map((name) => ({ action, resource: alarmArn(request.region, name) }));
}
