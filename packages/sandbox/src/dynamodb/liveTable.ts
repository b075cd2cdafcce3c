import { adoptTable } from './adoptTable.js';
import { resourceNotFound, tableNotFound } from './dynamoErrors.js';
import type { DynamoContext } from './service.js';
import type { TableInstance } from './store/tableInstance.js';

type Description = Record<string, unknown>;

/**
 * dynalite's description of a table and the sandbox's instance of it.
 * dynalite checks the name, so a bad or unknown name gets AWS's exact
 * ValidationException or ResourceNotFoundException.
 */
export async function liveTable(
  ctx: DynamoContext,
  tableName: unknown,
): Promise<{ table: Description; instance: TableInstance }> {
  const { Table: table } = await ctx.dynalite.call<{ Table: Description }>('DescribeTable', { TableName: tableName });
  const name = table.TableName as string;
  // The sandbox forgets a table when DeleteTable is accepted; dynalite keeps it DELETING a moment longer.
  if (table.TableStatus === 'DELETING' && !ctx.store.table(name))
    throw resourceNotFound(`Requested resource not found: Table: ${name} not found`);
  const instance = ctx.store.table(name) ?? (await adoptTable(ctx.store, name));
  if (!instance) throw new Error(`dynalite describes table ${name} but the sandbox cannot track it`);
  return { table, instance };
}

/**
 * Like {@link liveTable}, for the backup and PITR actions, which name a
 * missing table with TableNotFoundException instead.
 */
export async function backupSourceTable(
  ctx: DynamoContext,
  tableName: string,
): Promise<{ table: Description; instance: TableInstance }> {
  try {
    return await liveTable(ctx, tableName);
  } catch (error) {
    if ((error as { type?: string }).type === 'ResourceNotFoundException') throw tableNotFound(tableName);
    throw error;
  }
}
