import { createItemFileWriter } from '../itemFile/createItemFileWriter.js';
import { readItemFileManifest, type ItemFileManifest, type ItemFileSource } from '../itemFile/itemFileManifest.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';
import type { RunContext } from '../runs/runContext.js';
import { newRunRecord, phaseEnded, phaseStarted, updateTable, withTable } from '../runs/runRecord.js';
import { endTableRun, readTableRun, recordTable, runOfKind } from '../runs/tableRun.js';
import { awaitTemporaryTable, deleteTemporaryTable, startTemporaryTable } from '../tableRestore/temporaryTable.js';
import { errorFromStepFailure } from '../workflow/stepFailure.js';
import type { StepEvent, StepFailure, StepHandlers, Workflow } from '../workflow/steps.js';
import type { ExportPlan } from './exportPlan.js';
import { exportRunKey, exportTemporaryTable, type ExportRun, type ExportTableRun } from './exportRun.js';
import { scanToFile } from './scanToFile.js';

/** What an export's steps run with. */
export interface ExportContext extends RunContext {
  /** Told the number of items written, page by page. */
  readonly onItems?: (count: number) => void;
}

/**
 * An export through a temporary table, as steps: record the run; restore the source into the temporary
 * table (PITR at the time, or the backup), wait until it is ACTIVE and checked to be that restore; stream a
 * parallel scan of it into the file with its manifest; delete it. A failure deletes the temporary table too
 * (only one checked to be this export's) unless the plan keeps it, and is recorded.
 *
 * @example
 * exportWorkflow(restore).steps.map((s) => s.name); // ['StartTemporaryTable', 'AwaitTemporaryTable', 'WriteItemFile', 'DeleteTemporaryTable']
 */
export function exportWorkflow(restore: TableRestorePlan): Workflow {
  return {
    comment: `Exports ${restore.tableName} as it was at ${restore.restoreTime} (dynamo-dr)`,
    timeoutSeconds: restore.restoreDeadlineMinutes * 60 + 24 * 3600,
    begin: { kind: 'task', name: 'RecordExportStart', handler: 'beginExportRun' },
    steps: [
      { kind: 'task', name: 'StartTemporaryTable', handler: 'startTemporaryTable' },
      {
        kind: 'poll',
        name: 'AwaitTemporaryTable',
        handler: 'awaitTemporaryTable',
        deadlineSeconds: restore.restoreDeadlineMinutes * 60,
      },
      { kind: 'task', name: 'WriteItemFile', handler: 'writeItemFile' },
      { kind: 'task', name: 'DeleteTemporaryTable', handler: 'deleteTemporaryTable' },
    ],
    succeed: { kind: 'task', name: 'RecordExportSuccess', handler: 'recordExportSuccess' },
    fail: { kind: 'task', name: 'RecordExportFailure', handler: 'recordExportFailure' },
  };
}

const planOf = (event: StepEvent) => event.plan as ExportPlan & { readonly restore: TableRestorePlan };

/** The functions the export workflow's steps call, by handler name. */
export const exportHandlers = {
  /** Records the run; a finished earlier export of the same incident starts over (its table is gone). */
  async beginExportRun(ctx, event) {
    const { restore } = planOf(event);
    const fresh: ExportTableRun = { plan: restore, result: 'running', phases: {} };
    await ctx.journal.updateRun(restore.incidentId, (current) => {
      const run =
        runOfKind<ExportRun>(current, 'export') ??
        newRunRecord<'export', ExportTableRun>(
          'export',
          { incidentId: restore.incidentId, requestedTime: restore.restoreTime, restoreTime: restore.restoreTime },
          new Date(),
        );
      const previous = run.tables[restore.tableName];
      if (previous && previous.result !== 'succeeded') {
        return updateTable(withTable(run, restore.tableName, fresh), restore.tableName, (t) => ({
          ...t,
          result: 'running',
          error: undefined,
        }));
      }
      return { ...run, result: 'running', endedAt: undefined, tables: { ...run.tables, [restore.tableName]: fresh } };
    });
    return null;
  },
  async startTemporaryTable(ctx, event) {
    const plan = planOf(event);
    await startTemporaryTable(ctx, exportRunKey(plan.restore), exportTemporaryTable(plan, plan.restore));
    return null;
  },
  async awaitTemporaryTable(ctx, event) {
    const plan = planOf(event);
    await awaitTemporaryTable(
      ctx,
      exportRunKey(plan.restore),
      exportTemporaryTable(plan, plan.restore),
      event.deadline,
    );
    return null;
  },
  async writeItemFile(ctx, event) {
    const plan = planOf(event);
    const key = exportRunKey(plan.restore);
    await recordTable<ExportRun>(ctx.journal, key, (t) => phaseStarted(t, 'sync', new Date()));
    const manifest = await writeItemFile(ctx, plan, plan.restore.restoredTableName, plan.restore.restoreTime);
    await recordTable<ExportRun>(ctx.journal, key, (t) => ({
      ...phaseEnded(t, 'sync', new Date()),
      exported: manifest.itemCount,
      verification: { equal: true, count: manifest.itemCount, digest: manifest.digest },
    }));
    return null;
  },
  async deleteTemporaryTable(ctx, event) {
    const plan = planOf(event);
    await deleteTemporaryTable(ctx, exportRunKey(plan.restore), exportTemporaryTable(plan, plan.restore));
    return null;
  },
  recordExportSuccess: async (ctx, event): Promise<ItemFileManifest> => {
    const plan = planOf(event);
    await endTableRun(ctx, exportRunKey(plan.restore));
    return readItemFileManifest(plan.out);
  },
  /** Only a table checked to be this export's restore is ever deleted: a leftover of the same name is left alone. */
  async recordExportFailure(ctx, event) {
    const plan = planOf(event);
    const key = exportRunKey(plan.restore);
    const ours = (await readTableRun<ExportRun>(ctx.journal, key))?.phases.restore?.endedAt !== undefined;
    if (ours) await deleteTemporaryTable(ctx, key, exportTemporaryTable(plan, plan.restore)).catch(() => undefined);
    const error = errorFromStepFailure(event.error as StepFailure);
    await endTableRun(ctx, key, { name: error.name, message: error.message });
    return null;
  },
} satisfies StepHandlers<ExportContext>;

/** Streams a parallel scan of `tableName` into the plan's file and writes its manifest. */
export async function writeItemFile(
  ctx: ExportContext,
  plan: ExportPlan,
  tableName: string,
  time: string,
): Promise<ItemFileManifest> {
  const writer = createItemFileWriter(plan.out, plan.format, { source: manifestSource(plan), time });
  try {
    await scanToFile({ client: ctx.dynamodb, tableName }, writer, {
      segments: plan.segments,
      maxReadUnitsPerSecond: plan.maxReadUnitsPerSecond,
      onItems: ctx.onItems,
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
