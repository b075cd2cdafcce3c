import { randomUUID } from 'node:crypto';
import { DrError } from '../errors.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { awaitRestoredTable, startTableRestore } from '../tableRestore/tableRestore.js';
import { untilReady } from '../workflow/untilReady.js';
import { applySwitch } from './parameterSwitch.js';
import { reapplySettings } from './reapplySettings.js';
import type { RestoreAsPlan, SettingReport } from './restoreAsPlan.js';
import { beginRestoreAsRun, recordRestoreAs, type RecordedSwitch, type RestoreAsContext } from './restoreAsRun.js';

/** What a restore to a new table did. */
export interface RestoreAsResult {
  readonly plan: RestoreAsPlan;
  /** The new table's ARN and status when verified. */
  readonly target: { readonly tableName: string; readonly tableArn: string; readonly status: string };
  readonly settings: readonly SettingReport[];
  /** The switch made, with the value saved for rollback; absent without `--switch-parameter`. */
  readonly switched?: RecordedSwitch;
  readonly durationMs: number;
}

/** How {@link runRestoreAs} runs. */
export interface RunRestoreAsOptions {
  /** First wait between polls of the new table, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  /** How long the restore may take before the run stops. @default 360 */
  readonly deadlineMinutes?: number;
  /** This invocation in the run's attempts. @default a random UUID */
  readonly executionId?: string;
}

/**
 * Executes a restore-as plan: PITR restore into the new table, wait for ACTIVE, re-apply the settings a
 * restore drops (reported one by one, verified by describing the new table), then, when asked, switch the
 * parameter — only if no setting failed, since the application would then run on a table without them.
 * Journaled as `plan.incidentId` (`restore-as-<incident>`): phase timings, the settings report, the switch
 * with the value it replaced, and the result (failed when a setting could not be copied).
 *
 * @example
 * const plan = await planRestoreAs(ddb, ssm, request);
 * const result = await runRestoreAs({ dynamodb: ddb, ssm, journal: new FileRunJournal(), startedBy: 'ana@ops' }, plan);
 */
export async function runRestoreAs(
  ctx: RestoreAsContext,
  plan: RestoreAsPlan,
  options: RunRestoreAsOptions = {},
): Promise<RestoreAsResult> {
  const started = Date.now();
  await beginRestoreAsRun(ctx, plan, options.executionId ?? randomUUID());
  try {
    const result = await restoreAs(ctx, plan, options);
    const failed = result.settings.filter((s) => s.status === 'failed').map((s) => s.setting);
    const error = failed.length
      ? { name: 'SettingsNotCopied', message: `${failed.join(', ')} could not be copied to ${plan.targetTableName}` }
      : undefined;
    await recordRestoreAs(ctx, plan, (t) => ({ ...t, result: error ? 'failed' : 'succeeded', error }));
    return { ...result, durationMs: Date.now() - started };
  } catch (error) {
    const { name, message } = error as Error;
    await recordRestoreAs(ctx, plan, (t) => ({ ...t, result: 'failed', error: { name, message } }));
    throw error;
  }
}

async function restoreAs(
  ctx: RestoreAsContext,
  plan: RestoreAsPlan,
  options: RunRestoreAsOptions,
): Promise<Omit<RestoreAsResult, 'durationMs'>> {
  const { dynamodb, ssm } = ctx;
  const deadline = new Date(Date.now() + (options.deadlineMinutes ?? 360) * 60_000).toISOString();
  await recordRestoreAs(ctx, plan, (t) => phaseStarted(t, 'restore', new Date()));
  const source = { kind: 'pitr', tableName: plan.tableName, restoreTime: plan.restoreTime } as const;
  const created = await startTableRestore(dynamodb, source, plan.targetTableName);
  if (!created && !plan.resume) {
    throw new DrError(`The table ${plan.targetTableName} was created by someone else after the plan was made.`, {
      hint: 'Choose another --target name.',
    });
  }
  const table = await untilReady(
    () => awaitRestoredTable(dynamodb, source, plan.targetTableName, deadline),
    options.pollIntervalMs,
  );
  await recordRestoreAs(ctx, plan, (t) => phaseStarted(phaseEnded(t, 'restore', new Date()), 'settings', new Date()));
  const settings = await reapplySettings(dynamodb, table, plan.settings, deadline);
  await recordRestoreAs(ctx, plan, (t) => ({ ...phaseEnded(t, 'settings', new Date()), settings }));
  const target = { tableName: plan.targetTableName, tableArn: table.TableArn!, status: 'ACTIVE' };
  const failed = settings.filter((s) => s.status === 'failed');
  let switched: RecordedSwitch | undefined;
  if (plan.switchParameter) {
    if (failed.length) {
      throw new DrError(
        `${plan.targetTableName} is restored, but ${failed.map((s) => s.setting).join(', ')} could not be copied: ${plan.switchParameter.name} was not switched.`,
        {
          hint: `Fix the settings on ${plan.targetTableName} by hand, then switch with aws ssm put-parameter --name ${plan.switchParameter.name} --value ${plan.targetTableName} --overwrite.`,
          details: { target, settings },
        },
      );
    }
    await recordRestoreAs(ctx, plan, (t) => phaseStarted(t, 'switch', new Date()));
    const saved = await applySwitch(ssm, plan.switchParameter, plan.targetTableName, {
      sourceTable: plan.tableName,
      restoreTime: plan.restoreTime,
      incidentId: plan.incidentId,
    });
    switched = { ...saved, name: plan.switchParameter.name, previousName: plan.switchParameter.previousName };
    const done = switched;
    await recordRestoreAs(ctx, plan, (t) => ({ ...phaseEnded(t, 'switch', new Date()), switched: done }));
  }
  return { plan, target, settings, switched };
}
