import { liveTable } from '../liveTable.js';
import type { DynamoContext } from '../service.js';
import { describeTable as describe } from '../tableDescription.js';

/** DescribeTable: dynalite's description completed with the sandbox's state (ARNs, counts, status, restore summary). */
export async function describeTable(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const { table, instance } = await liveTable(ctx, request.TableName);
  return { Table: describe(ctx.store, table, instance, ctx.region) };
}
