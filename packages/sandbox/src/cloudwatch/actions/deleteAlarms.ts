import { validateRequest } from '../../validateRequest.js';
import { alarmNotFound } from '../cloudWatchErrors.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  AlarmNames: {
    type: 'List',
    notNull: true,
    lengthLessThanOrEqual: 100,
    children: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
  },
};

/**
 * DeleteAlarms: all of them or, when any name is unknown, none
 * (ResourceNotFound). Their history stays readable.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html
 */
export const deleteAlarms: CloudWatchAction = (request, { store, region }) => {
  const data = validateRequest(request, RULES);
  const alarms = store.region(region).alarms;
  const names = data.AlarmNames as string[];
  const missing = names.find((name) => !alarms[name]);
  if (missing !== undefined) throw alarmNotFound(missing);
  const now = Date.now();
  for (const name of names) {
    delete alarms[name];
    store.record(region, {
      AlarmName: name,
      AlarmType: 'MetricAlarm',
      Timestamp: now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${name}" deleted`,
      HistoryData: JSON.stringify({ version: '1.0', type: 'Delete' }),
    });
  }
  store.save();
  return {};
};
