import { validationError } from '../../awsError.js';
import { liveTable } from '../liveTable.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';
import { TABLE_NAME } from '../dynaliteRules.js';

const RULES = {
  TableName: TABLE_NAME,
  TimeToLiveSpecification: {
    type: 'FieldStruct<TimeToLiveSpecification>',
    notNull: true,
    children: {
      AttributeName: { type: 'String', notNull: true, lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 255 },
      Enabled: { type: 'Boolean', notNull: true },
    },
  },
};

/**
 * UpdateTimeToLive keeps the TTL specification (metadata only: the sandbox
 * does not expire items). Setting the state it already has is refused, as on AWS.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 */
export async function updateTimeToLive(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, RULES);
  const spec = data.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean };
  const { instance } = await liveTable(ctx, data.TableName);
  const enabled = instance.ttl?.Enabled === true;
  if (spec.Enabled === enabled) throw validationError(`TimeToLive is already ${enabled ? 'enabled' : 'disabled'}`);
  instance.ttl = spec;
  ctx.store.save();
  return { TimeToLiveSpecification: spec };
}
