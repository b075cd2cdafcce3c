import { adoptTable } from './adoptTable.js';
import { tableNameInRegion } from './arns.js';
import { resourceNotFound } from './dynamoErrors.js';
import type { DynamoContext } from './service.js';
import type { TableInstance } from './store/tableInstance.js';

/**
 * The table a tagging request's ResourceArn names, in the request's Region (AWS's not-found text, typo included,
 * for one of another Region too).
 */
export async function taggedTable(ctx: DynamoContext, arn: string): Promise<TableInstance> {
  const name = tableNameInRegion(arn, ctx.region);
  const instance = name === undefined ? undefined : (ctx.store.table(name) ?? (await adoptTable(ctx.store, name)));
  if (!instance) throw resourceNotFound(`Requested resource not found: ResourcArn: ${arn} not found`);
  return instance;
}
