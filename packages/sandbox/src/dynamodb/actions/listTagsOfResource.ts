import type { DynamoContext } from '../service.js';
import { taggedTable } from '../taggedTable.js';
import { validateAsDynalite } from '../dynaliteRules.js';

/** ListTagsOfResource on a table ARN (every tag in one page). */
export async function listTagsOfResource(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateAsDynalite('listTagsOfResource', request);
  const instance = await taggedTable(ctx, data.ResourceArn as string);
  return { Tags: instance.tags };
}
