import type { DynamoContext } from '../service.js';
import { taggedTable } from '../taggedTable.js';
import type { Tag } from '../store/tableInstance.js';
import { validateAsDynalite } from '../dynaliteRules.js';

/** TagResource on a table ARN; a tag with an existing key replaces it. */
export async function tagResource(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateAsDynalite('tagResource', request);
  const instance = await taggedTable(ctx, data.ResourceArn as string);
  const added = data.Tags as Tag[];
  const keys = new Set(added.map((t) => t.Key));
  instance.tags = [...instance.tags.filter((t) => !keys.has(t.Key)), ...added];
  ctx.store.save();
  return {};
}
