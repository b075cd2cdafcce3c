import type { DynamoContext } from '../service.js';
import { taggedTable } from '../taggedTable.js';
import { validateAsDynalite } from '../dynaliteRules.js';

/** UntagResource on a table ARN. */
export async function untagResource(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateAsDynalite('untagResource', request);
  const instance = await taggedTable(ctx, data.ResourceArn as string);
  const removed = new Set(data.TagKeys as string[]);
  instance.tags = instance.tags.filter((t) => !removed.has(t.Key));
  ctx.store.save();
  return {};
}
