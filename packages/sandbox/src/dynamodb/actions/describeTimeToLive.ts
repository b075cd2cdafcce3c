import { liveTable } from '../liveTable.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';
import { TABLE_NAME } from '../dynaliteRules.js';

/** DescribeTimeToLive from the kept specification. */
export async function describeTimeToLive(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, { TableName: TABLE_NAME });
  const { instance } = await liveTable(ctx, data.TableName);
  const ttl = instance.ttl;
  return {
    TimeToLiveDescription: ttl?.Enabled
      ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.AttributeName }
      : { TimeToLiveStatus: 'DISABLED' },
  };
}
