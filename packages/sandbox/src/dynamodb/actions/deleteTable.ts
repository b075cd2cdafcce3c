import { validationError } from '../../awsError.js';
import { tableBeingCreated } from '../dynamoErrors.js';
import type { DynamoContext } from '../service.js';
import { describeTable } from '../tableDescription.js';

/**
 * DeleteTable, refused while deletion protection is on (AWS's text) or while
 * the table is still being restored.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
 */
export async function deleteTable(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const name = request.TableName;
  const instance = typeof name === 'string' ? ctx.store.table(name) : undefined;
  if (instance?.deletionProtection) {
    throw validationError(
      'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
    );
  }
  if (instance && ctx.store.isCreating(instance)) {
    throw tableBeingCreated(instance.name);
  }
  const result = await ctx.dynalite.call<{ TableDescription: Record<string, unknown> }>(
    'DeleteTable',
    request,
    ctx.body,
  );
  if (!instance) return result;
  const described = describeTable(ctx.store, result.TableDescription, instance, ctx.region);
  ctx.store.markDeleted(instance);
  return { TableDescription: described };
}
