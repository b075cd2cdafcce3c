import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { DrError } from '../errors.js';
import { awaitTableActive } from '../export/awaitTableActive.js';
import { untilReady } from '../export/untilReady.js';
import { restoreToPointInTime } from '../restore/dynamoDbCalls.js';
import { applySwitch, type SavedSwitch } from './parameterSwitch.js';
import { reapplySettings } from './reapplySettings.js';
import type { RestoreAsPlan, SettingReport } from './restoreAsPlan.js';

/** What a restore to a new table did. */
export interface RestoreAsResult {
  readonly plan: RestoreAsPlan;
  /** The new table's ARN and status when verified. */
  readonly target: { readonly tableName: string; readonly tableArn: string; readonly status: string };
  readonly settings: readonly SettingReport[];
  /** The switch made, with the value saved for rollback; absent without `--switch-parameter`. */
  readonly switched?: SavedSwitch & { readonly name: string; readonly previousName: string };
  readonly durationMs: number;
}

/** How {@link runRestoreAs} runs. */
export interface RunRestoreAsOptions {
  /** First wait between polls of the new table, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  /** How long the restore may take before the run stops. @default 360 */
  readonly deadlineMinutes?: number;
}

/**
 * Executes a restore-as plan: PITR restore into the new table, wait for ACTIVE, re-apply the settings a
 * restore drops (reported one by one, verified by describing the new table), then, when asked, switch the
 * parameter — only if no setting failed, since the application would then run on a table without them.
 *
 * @example
 * const plan = await planRestoreAs(ddb, ssm, request);
 * const result = await runRestoreAs(ddb, ssm, plan);
 */
export async function runRestoreAs(
  dynamodb: DynamoDBClient,
  ssm: SSMClient,
  plan: RestoreAsPlan,
  options: RunRestoreAsOptions = {},
): Promise<RestoreAsResult> {
  const started = Date.now();
  const deadline = new Date(started + (options.deadlineMinutes ?? 360) * 60_000).toISOString();
  const created = await restoreToPointInTime(dynamodb, {
    source: plan.tableName,
    target: plan.targetTableName,
    time: new Date(plan.restoreTime),
  });
  if (!created && !plan.resume) {
    throw new DrError(`The table ${plan.targetTableName} was created by someone else after the plan was made.`, {
      hint: 'Choose another --target name.',
    });
  }
  const table = await untilReady(
    () => awaitTableActive(dynamodb, plan.targetTableName, deadline),
    options.pollIntervalMs,
  );
  const settings = await reapplySettings(dynamodb, table, plan.settings, deadline);
  const target = { tableName: plan.targetTableName, tableArn: table.TableArn!, status: 'ACTIVE' };
  const failed = settings.filter((s) => s.status === 'failed');
  let switched: RestoreAsResult['switched'];
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
    const saved = await applySwitch(ssm, plan.switchParameter, plan.targetTableName, {
      sourceTable: plan.tableName,
      restoreTime: plan.restoreTime,
    });
    switched = { ...saved, name: plan.switchParameter.name, previousName: plan.switchParameter.previousName };
  }
  return { plan, target, settings, switched, durationMs: Date.now() - started };
}
