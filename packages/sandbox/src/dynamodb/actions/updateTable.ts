import { tableBeingCreated } from '../dynamoErrors.js';
import { liveTable } from '../liveTable.js';
import type { DynamoContext } from '../service.js';
import { describeTable } from '../tableDescription.js';
import { validateRequest } from '../../validateRequest.js';

/**
 * UpdateTable: DeletionProtectionEnabled is the sandbox's (dynalite does not
 * know it, and refuses an update that changes nothing else it knows); every
 * other change is dynalite's.
 */
export async function updateTable(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const { DeletionProtectionEnabled, ...rest } = request;
  const { DeletionProtectionEnabled: protect } = validateRequest(
    { DeletionProtectionEnabled },
    { DeletionProtectionEnabled: { type: 'Boolean' } },
  );
  const { table, instance } = await liveTable(ctx, request.TableName);
  if (ctx.store.isCreating(instance)) {
    throw tableBeingCreated(instance.name);
  }
  const othersChange = protect === undefined || Object.keys(rest).some((field) => field !== 'TableName');
  const updated = othersChange
    ? (await ctx.dynalite.call<{ TableDescription: Record<string, unknown> }>('UpdateTable', rest)).TableDescription
    : table;
  if (protect !== undefined) {
    instance.deletionProtection = protect === true;
    ctx.store.save();
  }
  return { TableDescription: describeTable(ctx.store, updated, instance, ctx.region) };
}
