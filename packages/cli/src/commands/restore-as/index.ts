import {
  assertGiven,
  FileRunJournal,
  InputError,
  planRestoreAs,
  recordRollback,
  restoreAsClients,
  rollbackSwitch,
  runRestoreAs,
  SECRET_NOT_RECORDED,
  type RestoreAsPlan,
  type RestoreAsResult,
} from '@dynamo-dr/core';
import { randomUUID } from 'node:crypto';
import { ExitError } from '../../exitError.js';
import { startedBy } from '../../shared/startedBy.js';
import type { RestoreAsCommandOptions } from './register.js';

/**
 * `dynamo-dr restore-as`: validates, restores into the new table, re-applies its settings, switches the
 * parameter; or, with `--rollback`, puts the parameter back.
 */
export async function restoreAs(opts: RestoreAsCommandOptions): Promise<void> {
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const { dynamodb, ssm } = restoreAsClients({
    region: opts.region,
    profile: opts.profile,
    endpoint: opts.endpointUrl,
  });
  if (opts.rollback) return rollback(ssm, journal, opts);
  const table = assertGiven('--table', opts.table, 'Name the table to restore, e.g. --table fp-events.');
  const time = assertGiven('--to', opts.to, 'Give the time to restore to, e.g. --to 2026-02-15T09:00:00Z.');
  const target = assertGiven('--target', opts.target, 'Name the new table, e.g. --target fp-events-restored.');
  const plan = await planRestoreAs(dynamodb, ssm, {
    tableName: table,
    time,
    targetTableName: target,
    switchParameter: opts.switchParameter,
    incidentId: opts.incident,
  });
  if (opts.dryRun) {
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan }, null, 2));
    else console.error(formatPlan(plan));
    return;
  }
  if (!opts.json) console.error(formatPlan(plan));
  const result = await runRestoreAs({ dynamodb, ssm, journal, startedBy: startedBy() }, plan);
  if (opts.json) console.log(JSON.stringify(result, null, 2));
  else console.error(formatResult(result));
  if (result.settings.some((s) => s.status === 'failed')) {
    throw new ExitError(1, `Some settings were not copied to ${target}: see above.`);
  }
}

async function rollback(
  ssm: ReturnType<typeof restoreAsClients>['ssm'],
  journal: FileRunJournal,
  opts: RestoreAsCommandOptions,
): Promise<void> {
  const name = assertGiven('--switch-parameter', opts.switchParameter, 'Name the parameter to roll back.');
  for (const [flag, value] of [
    ['--table', opts.table],
    ['--to', opts.to],
    ['--target', opts.target],
    ['--incident', opts.incident],
  ] as const) {
    if (value !== undefined) {
      throw new InputError(
        flag,
        value,
        'cannot be combined with --rollback',
        'A rollback only needs --switch-parameter.',
      );
    }
  }
  if (opts.dryRun) {
    throw new InputError(
      '--dry-run',
      true,
      'is not supported with --rollback',
      'Read the saved value with aws ssm get-parameter --name NAME/previous.',
    );
  }
  const done = await rollbackSwitch(ssm, name);
  const incidentId = await recordRollback(journal, done, startedBy(), randomUUID());
  if (opts.json) console.log(JSON.stringify({ ...done, incidentId }, null, 2));
  else {
    console.error(`${name} is back to ${done.restoredValue} (it pointed at ${done.replacedValue}).`);
    console.error(`Recorded in the run journal: dynamo-dr runs show ${incidentId}`);
  }
}

function formatPlan(plan: RestoreAsPlan): string {
  const s = plan.settings;
  const lines = [
    `Restore ${plan.tableName} as it was at ${plan.restoreTime} into the new table ${plan.targetTableName} (journal entry ${plan.incidentId})`,
    `  (restorable window ${plan.restorableWindow.earliest} to ${plan.restorableWindow.latest})`,
    ...(plan.resume ? [`  continuing on ${plan.targetTableName}: an earlier run already restored it`] : []),
    `  then re-apply: TTL ${s.ttlAttribute ?? 'none'}, stream ${s.streamViewType ?? 'none'}, ${s.tags.length} tag(s), ` +
      `PITR ${s.pitrRecoveryPeriodInDays ? `${s.pitrRecoveryPeriodInDays} days` : 'off'}, deletion protection ${s.deletionProtection ? 'on' : 'off'}`,
  ];
  if (plan.switchParameter) {
    const p = plan.switchParameter;
    lines.push(
      `  then switch ${p.name} from ${p.currentValue ?? SECRET_NOT_RECORDED} to ${plan.targetTableName} (old value kept in ${p.previousName})`,
    );
  }
  return lines.join('\n');
}

function formatResult(result: RestoreAsResult): string {
  const lines = [`${result.target.tableName} is ${result.target.status} (${result.durationMs} ms). Settings:`];
  for (const s of result.settings) {
    const value = s.value === undefined ? '' : ` ${JSON.stringify(s.value)}`;
    lines.push(`  ${s.setting.padEnd(18)} ${s.status}${value}${s.reason ? ` — ${s.reason}` : ''}`);
  }
  if (result.switched) {
    lines.push(
      `${result.switched.name} now ${result.switched.switchedTo} (was ${result.switched.value}; undo: dynamo-dr restore-as --rollback --switch-parameter ${result.switched.name})`,
    );
  }
  lines.push(`Recorded in the run journal: dynamo-dr runs show ${result.plan.incidentId}`);
  return lines.join('\n');
}
