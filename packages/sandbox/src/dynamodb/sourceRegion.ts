import { SANDBOX_ACCOUNT } from '../sandboxAccount.js';
import type { ArnParts } from './arns.js';
import type { DynamoContext } from './service.js';

/**
 * The Region a restore's source (a table or a backup) is in: the request's own, or, for a cross-Region restore,
 * the one its ARN names (RestoreTableToPointInTime and RestoreTableFromBackup are called in the target Region
 * with the source's ARN: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.Tutorial.html).
 * Undefined when the ARN is another account's, or names a Region that holds nothing.
 */
export async function sourceRegion(ctx: DynamoContext, source: ArnParts): Promise<DynamoContext | undefined> {
  if (source.account !== SANDBOX_ACCOUNT) return undefined;
  return source.region === ctx.region ? ctx : ctx.inRegion(source.region);
}
