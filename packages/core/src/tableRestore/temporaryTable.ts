import type { TableDescription } from '@aws-sdk/client-dynamodb';
import { deleteTableIfExists } from '../aws/dynamoDbCalls.js';
import type { RunContext } from '../runs/runContext.js';
import { phaseEnded, phaseStarted, type RunRecordOf } from '../runs/runRecord.js';
import { recordTable, type TableRunKey } from '../runs/tableRun.js';
import { awaitRestoredTable, startTableRestore, type TableRestoreSource } from './tableRestore.js';

/** A table a run restores only to read from, then deletes (unless asked to keep it). */
export interface TemporaryTable {
  readonly name: string;
  readonly source: TableRestoreSource;
  /** Keep it after the run (`--keep-restored-table`). */
  readonly keep: boolean;
}

/**
 * Starts restoring the temporary table, recording the run's `restore` phase as started. A re-run of the
 * same incident finds the table it started and restores nothing twice.
 *
 * @example
 * await startTemporaryTable(ctx, { kind: 'export', incidentId: 'export-inc-7', tableName: 'Orders' }, table);
 */
export async function startTemporaryTable(ctx: RunContext, key: TableRunKey, table: TemporaryTable): Promise<void> {
  await recordTable<RunRecordOf>(ctx.journal, key, (t) => phaseStarted(t, 'restore', new Date()));
  await startTableRestore(ctx.dynamodb, table.source, table.name);
}

/**
 * Returns the temporary table's description once it is ACTIVE and checked to be this restore, recording the
 * `restore` phase as ended; throws `NotReadyError` while it is being created (poll it).
 */
export async function awaitTemporaryTable(
  ctx: RunContext,
  key: TableRunKey,
  table: TemporaryTable,
  deadline: string,
): Promise<TableDescription> {
  const description = await awaitRestoredTable(ctx.dynamodb, table.source, table.name, deadline);
  await recordTable<RunRecordOf>(ctx.journal, key, (t) => phaseEnded(t, 'restore', new Date()));
  return description;
}

/**
 * Deletes the temporary table unless it is kept, recording the run's `cleanup` phase. Call it only for a
 * table {@link awaitTemporaryTable} checked: a table that merely has the name is never deleted.
 */
export async function deleteTemporaryTable(
  ctx: RunContext,
  key: TableRunKey,
  table: TemporaryTable,
): Promise<{ deleted: boolean }> {
  await recordTable<RunRecordOf>(ctx.journal, key, (t) => phaseStarted(t, 'cleanup', new Date()));
  const deleted = table.keep ? false : await deleteTableIfExists(ctx.dynamodb, table.name);
  await recordTable<RunRecordOf>(ctx.journal, key, (t) => phaseEnded(t, 'cleanup', new Date()));
  return { deleted };
}
