import { DrError } from '../errors.js';
import { createItemFileWriter } from '../itemFile/createItemFileWriter.js';
import { type ItemFileManifest, type ItemFileSource } from '../itemFile/itemFileManifest.js';
import { newRunRecord, phaseEnded, phaseStarted, withTable, type TableRun } from '../journal/runRecord.js';
import { cleanUpRestore } from '../restore/cleanUpRestore.js';
import { awaitRestoredTable, startPointInTimeRestore } from '../restore/pointInTimeRestore.js';
import { recordTable } from '../restore/recordTable.js';
import type { RestoreContext } from '../restore/restoreContext.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';
import { awaitTableActive } from '../restore/awaitTableActive.js';
import { restoreFromBackup } from '../aws/backupCalls.js';
import type { ExportPlan } from './exportPlan.js';
import { scanToFile } from './scanToFile.js';
import { untilReady } from '../restore/untilReady.js';

/** How {@link runExport} runs. */
export interface RunExportOptions {
  /** First wait between polls of the temporary table, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  /** Told the number of items written, page by page. */
  readonly onItems?: (count: number) => void;
}

/**
 * Executes an export plan: restores the source into the temporary table (a re-run with the same incident
 * reuses it), streams a parallel scan into the file, writes the manifest, and deletes the temporary table —
 * also when the export fails after the table was restored, unless the plan keeps it. Journaled as `export-<incident>`.
 *
 * @example
 * const plan = await planExport(ddb, { tableName: 'consent', at: '2025-12-01T00:00:00Z', out: 'audit.json' });
 * const manifest = await runExport({ dynamodb: ddb, aws: {}, journal: new FileRunJournal() }, plan);
 */
export async function runExport(
  ctx: RestoreContext,
  plan: ExportPlan,
  options: RunExportOptions = {},
): Promise<ItemFileManifest> {
  const restore = plan.restore;
  if (!restore) {
    return writeFile(ctx, plan, plan.source.tableName, { time: new Date().toISOString() }, options);
  }
  await startRun(ctx, restore);
  // Only a table checked to be this export's restore is ever deleted: a leftover of the same name is left alone.
  let ours = false;
  try {
    await restoreTemporaryTable(ctx, plan, restore, options.pollIntervalMs);
    ours = true;
    await recordTable(ctx, restore, (t) => phaseStarted(t, 'sync', new Date()));
    const manifest = await writeFile(ctx, plan, restore.restoredTableName, { time: restore.restoreTime }, options);
    await recordTable(ctx, restore, (t) => ({
      ...phaseEnded(t, 'sync', new Date()),
      counts: { exported: manifest.itemCount },
      verification: { equal: true, count: manifest.itemCount, digest: manifest.digest },
    }));
    await cleanUpRestore(ctx, restore);
    await recordTable(ctx, restore, (t) => ({ ...t, result: 'succeeded' }));
    return manifest;
  } catch (error) {
    const failed = (t: TableRun): TableRun => ({
      ...t,
      result: 'failed',
      error: { name: (error as Error).name, message: (error as Error).message },
    });
    if (ours) await cleanUpRestore(ctx, restore).catch(() => undefined);
    await recordTable(ctx, restore, failed).catch(() => undefined);
    throw error;
  }
}

/** Records the run; a finished earlier export of the same incident starts over (its table is gone). */
async function startRun(ctx: RestoreContext, restore: TableRestorePlan): Promise<void> {
  const fresh: TableRun = { plan: restore, result: 'running', phases: {}, segmentsDone: [], counts: {} };
  await ctx.journal.updateRun(restore.incidentId, (current) => {
    const run =
      current ??
      newRunRecord(
        {
          incidentId: restore.incidentId,
          requestedTime: restore.restoreTime,
          restoreTime: restore.restoreTime,
          tables: [],
        },
        new Date(),
      );
    const previous = run.tables[restore.tableName];
    if (previous && previous.result !== 'succeeded') return { ...withTable(run, restore), kind: 'export' };
    return {
      ...run,
      kind: 'export',
      result: 'running',
      endedAt: undefined,
      tables: { ...run.tables, [restore.tableName]: fresh },
    };
  });
}

async function restoreTemporaryTable(
  ctx: RestoreContext,
  plan: ExportPlan,
  restore: TableRestorePlan,
  pollIntervalMs: number | undefined,
): Promise<void> {
  const deadline = new Date(Date.now() + restore.restoreDeadlineMinutes * 60_000).toISOString();
  if (plan.source.kind === 'pitr') {
    await startPointInTimeRestore(ctx, restore);
    await untilReady(() => awaitRestoredTable(ctx, restore, deadline), pollIntervalMs);
    return;
  }
  if (plan.source.kind !== 'backup') return;
  const backupArn = plan.source.backupArn;
  await recordTable(ctx, restore, (t) => phaseStarted(t, 'restore', new Date()));
  await restoreFromBackup(ctx.dynamodb, backupArn, restore.restoredTableName);
  const table = await untilReady(
    () => awaitTableActive(ctx.dynamodb, restore.restoredTableName, deadline),
    pollIntervalMs,
  );
  // Never export a table that merely has the name: it must be this backup's restore.
  if (table.RestoreSummary?.SourceBackupArn !== backupArn) {
    throw new DrError(`The table ${restore.restoredTableName} is not a restore of ${backupArn}.`, {
      hint: `Use another --incident, or delete ${restore.restoredTableName} if it is not needed.`,
    });
  }
  await recordTable(ctx, restore, (t) => phaseEnded(t, 'restore', new Date()));
}

async function writeFile(
  ctx: RestoreContext,
  plan: ExportPlan,
  tableName: string,
  fields: { time: string },
  options: RunExportOptions,
): Promise<ItemFileManifest> {
  const writer = createItemFileWriter(plan.out, plan.format, { source: manifestSource(plan), time: fields.time });
  try {
    await scanToFile({ client: ctx.dynamodb, tableName }, writer, {
      segments: plan.segments,
      onItems: options.onItems,
    });
    return await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

function manifestSource(plan: ExportPlan): ItemFileSource {
  const source = plan.source;
  if (source.kind === 'pitr') {
    return { kind: 'pitr', tableName: source.tableName, tableArn: source.tableArn, restoreTime: source.restoreTime };
  }
  if (source.kind === 'backup') return source;
  return { kind: 'table', tableName: source.tableName, tableArn: source.tableArn, at: 'now' };
}
