import { randomUUID } from 'node:crypto';
import type { ItemFileManifest } from '../itemFile/itemFileManifest.js';
import { runWorkflow } from '../workflow/runWorkflow.js';
import type { ExportPlan } from './exportPlan.js';
import { exportHandlers, exportWorkflow, writeItemFile, type ExportContext } from './exportWorkflow.js';

/** How {@link runExport} runs. */
export interface RunExportOptions {
  /** First wait between polls of the temporary table, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  /** Identifies this invocation in the run's attempts. @default a new UUID */
  readonly executionId?: string;
}

/**
 * Executes an export plan. From the live table: streams a parallel scan into the file and writes its
 * manifest. From a point in time or a backup: runs {@link exportWorkflow} straight from the plan (a re-run
 * with the same incident reuses the temporary table), journaled as `export-<incident>`.
 *
 * @example
 * const plan = await planExport(ddb, { tableName: 'consent', at: '2025-12-01T00:00:00Z', out: 'audit.json' });
 * const manifest = await runExport({ dynamodb: ddb, aws: {}, journal: new FileRunJournal(), startedBy }, plan);
 */
export async function runExport(
  ctx: ExportContext,
  plan: ExportPlan,
  options: RunExportOptions = {},
): Promise<ItemFileManifest> {
  const restore = plan.restore;
  if (!restore) return writeItemFile(ctx, plan, plan.source.tableName, new Date().toISOString());
  const deadline = new Date(Date.now() + restore.restoreDeadlineMinutes * 60_000).toISOString();
  return (await runWorkflow({
    workflow: exportWorkflow(restore),
    handlers: exportHandlers,
    context: ctx,
    state: { plan, deadline, requestedTime: restore.restoreTime },
    executionId: options.executionId ?? randomUUID(),
    pollIntervalMs: options.pollIntervalMs,
  })) as ItemFileManifest;
}
