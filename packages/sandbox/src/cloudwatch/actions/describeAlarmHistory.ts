import { validateRequest } from '../../validateRequest.js';
import { pageOf } from '../../pageOf.js';
import { invalidNextToken } from '../cloudWatchErrors.js';
import { toMs } from '../cloudWatchRules.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  AlarmName: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
  AlarmContributorId: { type: 'String' },
  AlarmTypes: { type: 'List', children: { type: 'String', enum: ['CompositeAlarm', 'MetricAlarm'] } },
  HistoryItemType: {
    type: 'String',
    enum: ['ConfigurationUpdate', 'StateUpdate', 'Action', 'AlarmContributorStateUpdate', 'AlarmContributorAction'],
  },
  StartDate: { type: 'Double' },
  EndDate: { type: 'Double' },
  MaxRecords: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 },
  NextToken: { type: 'String' },
  ScanBy: { type: 'String', enum: ['TimestampDescending', 'TimestampAscending'] },
};

/**
 * DescribeAlarmHistory: configuration updates, state updates (evaluations and
 * SetAlarmState) and actions, of one alarm or all, newest first unless ScanBy
 * says ascending; kept 30 days, also for deleted alarms.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html
 */
export const describeAlarmHistory: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const start = data.StartDate === undefined ? -Infinity : toMs(data.StartDate);
  const end = data.EndDate === undefined ? Infinity : toMs(data.EndDate);
  const types = (data.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
  const items = store
    .region(region)
    .history.filter(
      (h) =>
        (data.AlarmName === undefined || h.AlarmName === data.AlarmName) &&
        (data.HistoryItemType === undefined || h.HistoryItemType === data.HistoryItemType) &&
        types.includes(h.AlarmType) &&
        h.Timestamp >= start &&
        h.Timestamp <= end,
    )
    .map((h) => ({ ...h, Timestamp: h.Timestamp / 1000 }));
  if (data.ScanBy !== 'TimestampAscending') items.reverse();
  const page = pageOf(items, data.NextToken, (data.MaxRecords as number | undefined) ?? 100, invalidNextToken);
  return { AlarmHistoryItems: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};
