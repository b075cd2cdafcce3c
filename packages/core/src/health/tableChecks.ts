import type { BackupMeasures } from '../backupPolicy/backupMeasures.js';
import type { BackupPolicy } from '../backupPolicy/backupPolicy.js';
import type { TableBackupState } from '../backupPolicy/backupStateCalls.js';
import type { CheckItem } from './checkItem.js';
import { duration, iso } from './timeFormats.js';

/** A table's state and measures, as the table-level checks judge them. */
export interface MeasuredTable {
  readonly state: TableBackupState;
  readonly measures: BackupMeasures;
}

/**
 * The four items read from DescribeTable and DescribeContinuousBackups: PITR on, the window as long as the
 * retention requires, the latest restorable time recent, deletion protection on. A table that does not exist
 * fails all four.
 *
 * @example
 * const items = tableChecks(policy, { state, measures });
 */
export function tableChecks(policy: BackupPolicy, { state, measures }: MeasuredTable): CheckItem[] {
  const base = { environment: policy.environment, tableName: state.tableName };
  if (!state.exists) {
    const evidence = 'the table does not exist';
    const fix = 'Create or restore it, or remove it from the configuration.';
    return (['pitr-enabled', 'restorable-window', 'restorable-lag', 'deletion-protection'] as const).map((id) => ({
      ...base,
      id,
      status: 'fail',
      evidence,
      fix,
    }));
  }
  const pitrOff = 'PITR is off: nothing is restorable';
  const enablePitr = `Enable it: dynamo-dr pitr enable --table ${state.tableName} --retention-days ${policy.retentionDays}.`;
  return [
    state.pitr.enabled
      ? { ...base, id: 'pitr-enabled', status: 'pass', evidence: `enabled, retention ${state.pitr.retentionDays} days` }
      : { ...base, id: 'pitr-enabled', status: 'fail', evidence: 'PITR is disabled', fix: enablePitr },
    state.pitr.enabled
      ? windowItem(policy, state.pitr, measures, base)
      : { ...base, id: 'restorable-window', status: 'fail', evidence: pitrOff, fix: enablePitr },
    state.pitr.enabled
      ? lagItem(policy, state.pitr.latest, measures, base)
      : { ...base, id: 'restorable-lag', status: 'fail', evidence: pitrOff, fix: enablePitr },
    state.deletionProtection
      ? { ...base, id: 'deletion-protection', status: 'pass', evidence: 'on' }
      : {
          ...base,
          id: 'deletion-protection',
          status: 'fail',
          evidence: 'off: any caller allowed dynamodb:DeleteTable can delete the table',
          fix: `aws dynamodb update-table --table-name ${state.tableName} --deletion-protection-enabled`,
        },
  ];
}

function windowItem(
  policy: BackupPolicy,
  pitr: { retentionDays: number; earliest: Date; latest: Date },
  measures: BackupMeasures,
  base: { environment: string; tableName: string },
): CheckItem {
  const window = `restorable from ${iso(pitr.earliest)} to ${iso(pitr.latest)} (${duration(measures.restorableWindowSeconds)})`;
  const problems: string[] = [];
  if (pitr.retentionDays < policy.retentionDays) {
    problems.push(`retention is ${pitr.retentionDays} day(s), less than the required ${policy.retentionDays}`);
  }
  if (measures.windowDeficitSeconds > policy.windowToleranceSeconds) {
    const full = new Date(pitr.earliest.getTime() + policy.retentionDays * 86_400_000);
    problems.push(
      `the earliest restorable time is ${duration(measures.windowDeficitSeconds)} after ${iso(measures.expectedEarliest)}, where the retention puts it (tolerance ${duration(policy.windowToleranceSeconds)}): PITR was off or was reset until ${iso(pitr.earliest)}; nothing before can be restored, and the window reaches the full retention on ${iso(full)}`,
    );
  }
  if (problems.length === 0) {
    return {
      ...base,
      id: 'restorable-window',
      status: 'pass',
      evidence: `${window}, retention ${pitr.retentionDays} days`,
    };
  }
  return {
    ...base,
    id: 'restorable-window',
    status: 'fail',
    evidence: `${problems.join('; ')} (${window})`,
    fix:
      pitr.retentionDays < policy.retentionDays
        ? `Restore the retention: dynamo-dr pitr enable --table ${base.tableName} --retention-days ${policy.retentionDays}; find out who cut it (CloudTrail UpdateContinuousBackups).`
        : 'Find out who turned PITR off (CloudTrail UpdateContinuousBackups); keep an on-demand backup until the window is full again.',
  };
}

function lagItem(
  policy: BackupPolicy,
  latest: Date,
  measures: BackupMeasures,
  base: { environment: string; tableName: string },
): CheckItem {
  const lag = measures.latestRestorableLagSeconds ?? 0;
  const evidence = `latest restorable time ${iso(latest)}, ${duration(lag)} ago (threshold ${duration(policy.maxRestorableLagSeconds)})`;
  return lag <= policy.maxRestorableLagSeconds
    ? { ...base, id: 'restorable-lag', status: 'pass', evidence }
    : {
        ...base,
        id: 'restorable-lag',
        status: 'fail',
        evidence,
        fix: 'Check the AWS Health Dashboard for DynamoDB in the region; writes after the latest restorable time cannot be recovered yet.',
      };
}
