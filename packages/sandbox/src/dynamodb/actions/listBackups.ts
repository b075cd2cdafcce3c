import { backupArn } from '../arns.js';
import { backupSummary } from '../backupViews.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';

const RULES = {
  TableName: { type: 'String', tableName: true, regex: '[a-zA-Z0-9_.-]+' },
  Limit: { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 },
  TimeRangeLowerBound: { type: 'Double' },
  TimeRangeUpperBound: { type: 'Double' },
  ExclusiveStartBackupArn: { type: 'String', lengthGreaterThanOrEqual: 37, lengthLessThanOrEqual: 1024 },
  BackupType: { type: 'String', enum: ['USER', 'SYSTEM', 'AWS_BACKUP', 'ALL'] },
};

/**
 * ListBackups, oldest first, filtered by table, creation time (lower bound
 * inclusive, upper exclusive) and type (the sandbox makes only USER backups),
 * paginated by ExclusiveStartBackupArn / LastEvaluatedBackupArn.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListBackups.html
 */
export async function listBackups(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const lower = data.TimeRangeLowerBound as number | undefined;
  const upper = data.TimeRangeUpperBound as number | undefined;
  const type = (data.BackupType as string | undefined) ?? 'ALL';
  const arnOf = (b: { tableName: string; id: string }) => backupArn(ctx.region, b.tableName, b.id);
  let matching = ctx.store
    .backups()
    .filter((b) => data.TableName === undefined || b.tableName === data.TableName)
    .filter((b) => lower === undefined || b.createdMs / 1000 >= lower)
    .filter((b) => upper === undefined || b.createdMs / 1000 < upper)
    .filter(() => type === 'ALL' || type === 'USER');
  const start = data.ExclusiveStartBackupArn as string | undefined;
  if (start !== undefined) matching = matching.slice(matching.findIndex((b) => arnOf(b) === start) + 1);
  const limit = (data.Limit as number | undefined) ?? 100;
  const page = matching.slice(0, limit);
  return {
    BackupSummaries: page.map((b) => backupSummary(b, ctx.region)),
    ...(matching.length > limit ? { LastEvaluatedBackupArn: arnOf(page[page.length - 1] as (typeof page)[0]) } : {}),
  };
}
