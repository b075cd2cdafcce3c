import type { AlarmHistoryItem, CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { backupAlarmSpecs, type BackupAlarmSpec } from '../monitor/backupAlarmSpecs.js';
import { alarmHistory, describeAlarmsByName } from '../monitor/cloudWatchCalls.js';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import type { CheckItem } from './checkItem.js';
import { iso } from './timeFormats.js';

/** CloudWatch keeps an alarm's history for 30 days: a test older than that can no longer be seen. */
const HISTORY_DAYS = 30;

/**
 * Per table: its alarms exist as their specifications say (metric, comparison, threshold), each has an alarm
 * action, and each was tested: its history holds a change to ALARM (`check --test-alarms` makes one with
 * SetAlarmState) followed by a successful action, within the 30 days CloudWatch keeps.
 *
 * @example
 * const items = await alarmChecks(cloudwatch, policy, new Date());
 */
export async function alarmChecks(cloudwatch: CloudWatchClient, policy: BackupPolicy, now: Date): Promise<CheckItem[]> {
  const specs = backupAlarmSpecs(policy, { alarmActions: [] });
  const alarms = await describeAlarmsByName(
    cloudwatch,
    specs.map((s) => s.input.AlarmName),
  );
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const judged = await Promise.all(
    specs.map(async (spec) => {
      const alarm = alarms.get(spec.input.AlarmName);
      const verdict = alarm
        ? await judgeAlarm(cloudwatch, spec, alarm, since)
        : { problem: 'is missing', deploy: true };
      return { spec, alarm, ...verdict };
    }),
  );
  return policy.tables.map(({ tableName }) => {
    const mine = judged.filter((j) => j.spec.table.tableName === tableName);
    const base = { id: 'alarms', environment: policy.environment, tableName } as const;
    const bad = mine.filter((j) => j.problem !== undefined);
    if (bad.length === 0) {
      const tests = mine.map((j) => `${j.spec.kind} tested ${j.testedAt}`);
      const alarming = mine.filter((j) => j.alarm?.StateValue === 'ALARM').map((j) => j.spec.kind);
      return {
        ...base,
        status: 'pass',
        evidence: `${mine.length} alarms exist and notified when tested: ${tests.join(', ')}${alarming.length > 0 ? `; in ALARM now: ${alarming.join(', ')}` : ''}`,
      };
    }
    return {
      ...base,
      status: 'fail',
      evidence: bad.map((j) => `${j.spec.input.AlarmName} ${j.problem}`).join('; '),
      fix: bad.some((j) => j.deploy)
        ? 'Deploy the alarms (the @dynamo-dr/cdk construct creates them from backupAlarmSpecs), then run dynamo-dr check --test-alarms.'
        : 'Run dynamo-dr check --test-alarms, and make sure the alarm topic delivers to the on-call team.',
    };
  });
}

/** An alarm's verdict: what is wrong with it (and whether deploying the specifications mends it), or when it was last tested. */
interface AlarmVerdict {
  readonly problem?: string;
  readonly deploy?: boolean;
  readonly testedAt?: string;
}

async function judgeAlarm(
  cloudwatch: CloudWatchClient,
  spec: BackupAlarmSpec,
  alarm: MetricAlarm,
  since: Date,
): Promise<AlarmVerdict> {
  const expected = spec.input;
  const differences = (['Namespace', 'MetricName', 'ComparisonOperator', 'Threshold'] as const)
    .filter((field) => alarm[field] !== expected[field])
    .map((field) => `${field} ${JSON.stringify(alarm[field])} instead of ${JSON.stringify(expected[field])}`);
  if (differences.length > 0)
    return { problem: `differs from its specification: ${differences.join(', ')}`, deploy: true };
  if ((alarm.AlarmActions ?? []).length === 0 || alarm.ActionsEnabled === false) {
    return { problem: 'has no enabled alarm action: it would notify no one', deploy: true };
  }
  const tested = lastTest(await alarmHistory(cloudwatch, expected.AlarmName, since));
  return tested
    ? { testedAt: iso(tested) }
    : {
        problem: `was not tested in the last ${HISTORY_DAYS} days (no change to ALARM followed by a successful action in its history)`,
      };
}

/**
 * When the alarm last went to ALARM with its action succeeding: the newest StateUpdate to ALARM that a
 * successful Action item follows. Items come newest first.
 */
function lastTest(history: readonly AlarmHistoryItem[]): Date | undefined {
  let succeededAfter: Date | undefined;
  for (const item of history) {
    const data = parse(item.HistoryData);
    if (item.HistoryItemType === 'Action' && data?.actionState === 'Succeeded') {
      succeededAfter ??= item.Timestamp;
    } else if (item.HistoryItemType === 'StateUpdate' && succeededAfter) {
      const newState = data?.newState as { stateValue?: string } | undefined;
      if (newState?.stateValue === 'ALARM') return item.Timestamp;
      succeededAfter = undefined;
    }
  }
  return undefined;
}

function parse(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
