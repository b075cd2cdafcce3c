import { validateRequest } from '../../validateRequest.js';
import { alarmNotFound, invalidFormat } from '../cloudWatchErrors.js';
import type { CloudWatchAction } from '../service.js';

const RULES = {
  AlarmName: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
  StateValue: { type: 'String', notNull: true, enum: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] },
  StateReason: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 1023 },
  StateReasonData: { type: 'String', lengthGreaterThanOrEqual: 0, lengthLessThanOrEqual: 4000 },
};

/**
 * SetAlarmState: sets the state until the next evaluation, for testing
 * alarms; a change is a StateUpdate in the history and runs the new state's
 * actions, exactly as an evaluation's would. StateReasonData must be JSON.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
 */
export const setAlarmState: CloudWatchAction = (request, { store, transitions, region }) => {
  const data = validateRequest(request, RULES);
  const name = data.AlarmName as string;
  const alarm = store.region(region).alarms[name];
  if (!alarm) throw alarmNotFound(name);
  const reasonData = data.StateReasonData as string | undefined;
  if (reasonData !== undefined) {
    try {
      JSON.parse(reasonData);
    } catch {
      throw invalidFormat(`StateReasonData is not valid JSON: ${reasonData.slice(0, 100)}`);
    }
  }
  const value = data.StateValue as 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  if (transitions.change(region, alarm, { value, reason: data.StateReason as string, reasonData })) store.save();
  return {};
};
