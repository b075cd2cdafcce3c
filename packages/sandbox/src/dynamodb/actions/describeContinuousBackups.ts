import { backupSourceTable } from '../liveTable.js';
import { continuousBackupsDescription } from '../restorableWindow.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';
import { TABLE_NAME } from '../dynaliteRules.js';

/**
 * DescribeContinuousBackups: PITR status and the restorable window.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeContinuousBackups.html
 */
export async function describeContinuousBackups(
  request: Record<string, unknown>,
  ctx: DynamoContext,
): Promise<unknown> {
  const data = validateRequest(request, { TableName: TABLE_NAME });
  const { instance } = await backupSourceTable(ctx, data.TableName as string);
  return { ContinuousBackupsDescription: continuousBackupsDescription(ctx.store, instance) };
}
