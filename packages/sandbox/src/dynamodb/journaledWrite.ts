import type { DynamoContext } from './service.js';
import { tableNotActive } from './dynamoErrors.js';
import type { DynamoStore } from './store/dynamoStore.js';
import type { TableInstance } from './store/tableInstance.js';
import { adoptTable } from './adoptTable.js';

/**
 * The table instance a write goes to, or undefined when dynalite has no such
 * table (dynalite then answers with AWS's error). A table still being
 * restored refuses writes as AWS does (it is not ACTIVE yet).
 */
export async function writableTable(ctx: DynamoContext, name: unknown): Promise<TableInstance | undefined> {
  if (typeof name !== 'string') return undefined;
  const table = ctx.store.table(name) ?? (await adoptTable(ctx.store, name));
  if (table && ctx.store.isCreating(table)) throw tableNotActive();
  return table;
}

/** The lock name of one item of one table instance. */
export function lockName(table: TableInstance, key: string): string {
  return `${table.id}\n${key}`;
}

/**
 * Sends a write the sandbox could not read a table or key from. dynalite is
 * expected to refuse it (with AWS's error); if it ever accepts, the write
 * went unjournaled, which the sandbox must never allow silently.
 */
export async function unjournalableWrite(ctx: DynamoContext, operation: string, request: unknown): Promise<never> {
  await ctx.dynalite.call(operation, request, ctx.body);
  throw new Error(`dynalite accepted a ${operation} the sandbox could not journal: ${JSON.stringify(request)}`);
}

/** Records one acknowledged write. */
export function journalWrite(store: DynamoStore, table: TableInstance, key: string, item: string | null): void {
  store.journal(table).append(store.now(), key, item);
  store.journaled(table);
}
