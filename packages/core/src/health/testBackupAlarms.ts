import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { InputError } from '../errors.js';
import { backupAlarmSpecs } from '../monitor/backupAlarmSpecs.js';
import { describeAlarmsByName, setAlarmState } from '../monitor/cloudWatchCalls.js';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import type { TableBackupState } from '../backupPolicy/backupStateCalls.js';

/** An alarm `--test-alarms` set to ALARM and back, and the state it gave back. */
export interface TestedAlarm {
  readonly alarmName: string;
  readonly restoredState: string;
}

const TEST_REASON = 'dynamo-dr check --test-alarms: testing that this alarm notifies; it is set back at once';
const BACK_REASON = 'dynamo-dr check --test-alarms: test done; the next evaluation sets the state from the data';

/**
 * Tests every alarm of the policies' tables: SetAlarmState to ALARM (its actions notify, as on a real alarm)
 * and straight back to the state it had, so that a later `check` finds the test in the alarm's history. First,
 * before any change, it refuses (InputError) when a table has PITR off or is missing, an alarm does not exist,
 * or an alarm is in ALARM: setting such an alarm back would silence a real problem until its next evaluation.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html
 *
 * @example
 * const tested = await testBackupAlarms(cloudwatch, policies, states);
 */
export async function testBackupAlarms(
  cloudwatch: CloudWatchClient,
  policies: readonly BackupPolicy[],
  states: ReadonlyMap<string, TableBackupState>,
): Promise<TestedAlarm[]> {
  const field = '--test-alarms';
  for (const policy of policies) {
    for (const { tableName } of policy.tables) {
      const state = states.get(tableName);
      if (!state?.exists || !state.pitr.enabled) {
        throw new InputError(
          field,
          null,
          `cannot test the alarms of ${tableName}: ${state?.exists ? 'its PITR is disabled' : 'the table does not exist'}, so its PitrDisabled alarm must stay in ALARM`,
          `Enable PITR first (dynamo-dr pitr enable --table ${tableName}), or check without --test-alarms. Nothing was changed.`,
        );
      }
    }
  }
  const names = policies.flatMap((policy) =>
    backupAlarmSpecs(policy, { alarmActions: [] }).map((s) => s.input.AlarmName),
  );
  const alarms = await describeAlarmsByName(cloudwatch, names);
  const missing = names.filter((name) => !alarms.has(name));
  if (missing.length > 0) {
    throw new InputError(
      field,
      null,
      `cannot test alarms that do not exist: ${missing.join(', ')}`,
      'Deploy them first (the @dynamo-dr/cdk construct creates them). Nothing was changed.',
    );
  }
  const alarming = names.filter((name) => alarms.get(name)?.StateValue === 'ALARM');
  if (alarming.length > 0) {
    throw new InputError(
      field,
      null,
      `will not test alarms that are in ALARM: ${alarming.join(', ')}`,
      'Resolve what they report first (see docs/monitoring.md); setting them back would hide it. Nothing was changed.',
    );
  }
  const tested: TestedAlarm[] = [];
  for (const name of names) {
    const restoredState = alarms.get(name)?.StateValue ?? 'INSUFFICIENT_DATA';
    await setAlarmState(cloudwatch, name, 'ALARM', TEST_REASON);
    await setAlarmState(cloudwatch, name, restoredState === 'OK' ? 'OK' : 'INSUFFICIENT_DATA', BACK_REASON);
    tested.push({ alarmName: name, restoredState });
  }
  return tested;
}
