import { AwsError } from '../../awsError.js';
import { tableArn, tableNameOfArn } from '../arns.js';
import { pointInTimeRecoveryUnavailable, tableNotFound } from '../dynamoErrors.js';
import { backupSourceTable } from '../liveTable.js';
import { restorableWindow } from '../restorableWindow.js';
import { RESTORE_TARGET_RULES, restoreOverrides } from '../restoreRules.js';
import { restoreTable } from '../restoreTable.js';
import type { DynamoContext } from '../service.js';
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
 * source's restorable window.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html
 */
export async function restoreTableToPointInTime(
  request: Record<string, unknown>,
  ctx: DynamoContext,
): Promise<unknown> {
  const data = validateRequest(request, RULES, checkChoices);
  const arn = data.SourceTableArn as string | undefined;
  const sourceName = arn === undefined ? (data.SourceTableName as string) : tableNameOfArn(arn);
  if (sourceName === undefined) throw tableNotFound(arn as string);
  const { table, instance } = await backupSourceTable(ctx, sourceName);
  const window = restorableWindow(ctx.store, instance);
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
    definition: tableDefinition(table),
    items: ctx.store.journal(instance).stateAt(restoreMs),
    overrides: restoreOverrides(data),
    summary: { sourceTableArn: tableArn(ctx.region, sourceName), restoreDateTimeMs: restoreMs },
  });
  return { TableDescription: description };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
