import { BACKUP_ARN_RULE, backupDescription, findBackup } from '../backupViews.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';

/** DescribeBackup (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeBackup.html). */
export async function describeBackup(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, { BackupArn: BACKUP_ARN_RULE });
  return {
    BackupDescription: backupDescription(findBackup(ctx.store, ctx.region, data.BackupArn as string), ctx.region),
  };
}
