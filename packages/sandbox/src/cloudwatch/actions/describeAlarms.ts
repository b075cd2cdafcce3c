import { validateRequest } from '../../validateRequest.js';
import { pageOf } from '../../pageOf.js';
import { alarmView } from '../alarmView.js';
import { invalidNextToken, invalidParameterCombination } from '../cloudWatchErrors.js';
import type { CloudWatchAction } from '../service.js';

const NAME = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 };
const RULES = {
  AlarmNames: { type: 'List', lengthLessThanOrEqual: 100, children: NAME },
  AlarmNamePrefix: NAME,
  AlarmTypes: { type: 'List', children: { type: 'String', enum: ['CompositeAlarm', 'MetricAlarm'] } },
  ChildrenOfAlarmName: NAME,
  ParentsOfAlarmName: NAME,
  StateValue: { type: 'String', enum: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] },
  ActionPrefix: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
  MaxRecords: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 },
  NextToken: { type: 'String' },
};

/**
 * DescribeAlarms: metric alarms by name, name prefix, state or action prefix,
 * in name order, MaxRecords (default 50) a page. The sandbox has no composite
 * alarms, so CompositeAlarms is always empty.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
 */
export const describeAlarms: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const names = data.AlarmNames as string[] | undefined;
  const prefix = data.AlarmNamePrefix as string | undefined;
  if (names && prefix !== undefined) {
    throw invalidParameterCombination('AlarmNamePrefix and AlarmNames cannot be specified at the same time.');
  }
  const types = (data.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
  const actionPrefix = data.ActionPrefix as string | undefined;
  const alarms = types.includes('MetricAlarm')
    ? Object.values(store.region(region).alarms)
        .filter(
          (a) =>
            (!names || names.includes(a.config.AlarmName)) &&
            (prefix === undefined || a.config.AlarmName.startsWith(prefix)) &&
            (data.StateValue === undefined || a.state.value === data.StateValue) &&
            (actionPrefix === undefined ||
              [...a.config.OKActions, ...a.config.AlarmActions, ...a.config.InsufficientDataActions].some((arn) =>
                arn.startsWith(actionPrefix),
              )),
        )
        .sort((a, b) => (a.config.AlarmName < b.config.AlarmName ? -1 : 1))
    : [];
  const page = pageOf(alarms, data.NextToken, (data.MaxRecords as number | undefined) ?? 50, invalidNextToken);
  return {
    MetricAlarms: page.items.map(alarmView),
    CompositeAlarms: [],
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};
