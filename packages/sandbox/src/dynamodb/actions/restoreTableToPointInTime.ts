import { AwsError, validationError } from '../../awsError.js';
import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import { tableArn, tableArnParts } from '../arns.js';
import { pointInTimeRecoveryUnavailable, tableNotFound } from '../dynamoErrors.js';
import { backupSourceTable } from '../liveTable.js';
import { restorableWindow } from '../restorableWindow.js';
import { RESTORE_TARGET_RULES, restoreOverrides } from '../restoreRules.js';
import { restoreTable } from '../restoreTable.js';
import type { DynamoContext } from '../service.js';
import { sourceRegion } from '../sourceRegion.js';
import { tableDefinition } from '../store/tableDefinition.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  SourceTableArn: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 },
  SourceTableName: { type: 'String', tableName: true, regex: '[a-zA-Z0-9_.-]+' },
  UseLatestRestorableTime: { type: 'Boolean' },
  RestoreDateTime: { type: 'Double' },
  ...RESTORE_TARGET_RULES,
};

function checkChoices(data: Record<string, unknown>): string | undefined {
  if ((data.SourceTableArn === undefined) === (data.SourceTableName === undefined))
    return 'Exactly one of SourceTableArn and SourceTableName must be specified.';
  if (data.UseLatestRestorableTime === true && data.RestoreDateTime !== undefined)
    return 'Only one of RestoreDateTime and UseLatestRestorableTime may be specified.';
  if (data.UseLatestRestorableTime !== true && data.RestoreDateTime === undefined)
    return 'RestoreDateTime must be specified unless UseLatestRestorableTime is true.';
  return undefined;
}

/**
 * RestoreTableToPointInTime: a new table holding exactly the items the source
 * held at RestoreDateTime (millisecond precision), which must lie in the
 * source's restorable window. The new table is in the request's Region; the
 * source may be in another (its SourceTableArn says which), and then
 * SSESpecificationOverride is required, as AWS documents for cross-Region restores
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.Tutorial.html).
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html
 */
export async function restoreTableToPointInTime(
  request: Record<string, unknown>,
  ctx: DynamoContext,
): Promise<unknown> {
  const data = validateRequest(request, RULES, checkChoices);
  const arn = data.SourceTableArn as string | undefined;
  const named =
    arn === undefined
      ? { region: ctx.region, account: SANDBOX_ACCOUNT, tableName: data.SourceTableName as string }
      : tableArnParts(arn);
  if (named === undefined) throw tableNotFound(arn as string);
  if (named.region !== ctx.region && data.SSESpecificationOverride === undefined) {
    throw validationError(
      `SSESpecificationOverride is required for a cross-Region restore: the source table ${arn as string} is in ${named.region}, the restore in ${ctx.region}. Give the restored table's encryption, e.g. SSESpecificationOverride {"Enabled": false} for an AWS owned key.`,
    );
  }
  const source = await sourceRegion(ctx, named);
  if (source === undefined) throw tableNotFound(arn as string);
  const sourceName = named.tableName;
  const { table, instance } = await backupSourceTable(source, sourceName);
  const window = restorableWindow(source.store, instance);
  if (!window) throw pointInTimeRecoveryUnavailable(sourceName);
  const restoreMs =
    data.UseLatestRestorableTime === true ? window.latestMs : Math.round((data.RestoreDateTime as number) * 1000);
  if (restoreMs < window.earliestMs || restoreMs > window.latestMs) {
    throw new AwsError(
      'InvalidRestoreTimeException',
      `RestoreDateTime ${iso(restoreMs)} is outside the restorable window of table '${sourceName}': it must be between EarliestRestorableDateTime ${iso(window.earliestMs)} and LatestRestorableDateTime ${iso(window.latestMs)}.`,
    );
  }
  const description = await restoreTable(ctx, {
    targetTableName: data.TargetTableName as string,
    sourceTableName: sourceName,
    definition: tableDefinition(table),
    items: source.store.journal(instance).stateAt(restoreMs),
    overrides: restoreOverrides(data),
    summary: { sourceTableArn: tableArn(named.region, sourceName), restoreDateTimeMs: restoreMs },
  });
  return { TableDescription: description };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
