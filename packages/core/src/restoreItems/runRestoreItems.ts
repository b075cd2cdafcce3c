import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import { deleteTableIfExists } from '../aws/dynamoDbCalls.js';
import { MemoryRunJournal } from '../journal/memoryRunJournal.js';
import { isVerified, temporaryTableOf } from '../restore/restoreRun.js';
import type { RunContext } from '../runs/runContext.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { beginTableRun, endTableRun, readTableRun, recordTable } from '../runs/tableRun.js';
import { awaitTemporaryTable, deleteTemporaryTable, startTemporaryTable } from '../tableRestore/temporaryTable.js';
import { untilReady } from '../workflow/untilReady.js';
import { importExportForSelection } from './exportImport.js';
import { exportSelection } from './exportSelection.js';
import { fileSelection } from './fileSelection.js';
import { ITEM_FATES } from './reconcileItems.js';
import {
  reconcileSelection,
  type ItemsPreview,
  type ItemsVerification,
  type SelectionSources,
} from './reconcileSelection.js';
import type { ExportItemsPlan, FileItemsPlan, PointInTimeItemsPlan, RestoreItemsPlan } from './restoreItemsPlan.js';
import { missingAtTime, restoredSelection } from './selectionSources.js';
import {
  restoreItemsRunKey,
  type ItemCounts,
  type RestoreItemsRun,
  type RestoreItemsTableRun,
} from './restoreItemsRun.js';

export interface RestoreItemsOptions {
  /** Count only: write nothing, record nothing, lock nothing (a point-in-time dry run still restores, then deletes, the temporary table). */
  readonly dryRun?: boolean;
  /** Called after validation and before the first change (recovery mode's guard); not called by a dry run. */
  readonly assertWritesAllowed?: (plan: RestoreItemsPlan) => Promise<void>;
  /** Told what will be written before the first write: the plan's numbers. */
  readonly onPreview?: (preview: ItemsPreview) => void | Promise<void>;
  /** First wait between polls of the restore, in ms (doubling up to 20 s). @default 500 */
  readonly pollIntervalMs?: number;
  readonly executionId?: string;
}

export interface RestoreItemsResult {
  readonly plan: RestoreItemsPlan;
  readonly dryRun: boolean;
  /** What the selection held against the live table before any write (for a resumed finished run: counts only). */
  readonly preview: ItemsPreview;
  /** What the write pass did (absent in a dry run). */
  readonly written?: ItemsPreview;
  readonly verification?: ItemsVerification;
  /** The temporary table of a point-in-time restore, and whether it was deleted. */
  readonly restoredTable?: { readonly name: string; readonly deleted: boolean };
}

/**
 * Runs a selective restore: puts back the selected items at their version
 * from the time (or from the file), and with `deleteMissing` deletes those
 * that should not exist; items changed after the time are skipped unless
 * `overwriteChanged`. Every write goes through the sync engine's batch
 * writer; the run ends with a read-back of the whole selection. Every run
 * holds the table's recovery lock and is journaled (kind `restore-items`): a
 * point-in-time run under its incident, resuming (reusing the temporary
 * table) when run again, a finished one reported as it was recorded; a file
 * run under the plan's generated id.
 *
 * @example
 * const plan = await planPointInTimeItems(ddb, journal, request);
 * const result = await runRestoreItems({ dynamodb: ddb, aws, journal, startedBy }, plan);
 * console.log(result.written?.counts); // { new, overwritten, skipped, deleted, unchanged }
 */
export function runRestoreItems(
  ctx: RunContext,
  plan: RestoreItemsPlan,
  options: RestoreItemsOptions = {},
): Promise<RestoreItemsResult> {
  return plan.source === 'point-in-time' ? fromPointInTime(ctx, plan, options) : fromFile(ctx, plan, options);
}

/** From a file or an export to S3: their items are the selection. */
async function fromFile(
  ctx: RunContext,
  plan: FileItemsPlan | ExportItemsPlan,
  options: RestoreItemsOptions,
): Promise<RestoreItemsResult> {
  const dryRun = !!options.dryRun;
  const run = await beginItemsRun(ctx, plan, options);
  const s3 = plan.source === 'export' ? createAwsClient(S3Client, ctx.aws) : undefined;
  const imported = plan.source === 'export' ? plan.importedTableName : undefined;
  try {
    await recordTable<RestoreItemsRun>(run.journal, restoreItemsRunKey(plan), (t) =>
      phaseStarted(t, 'sync', new Date()),
    );
    const table =
      plan.source === 'export' && imported
        ? await importExportForSelection(run, { ...plan, importedTableName: imported }, options.pollIntervalMs)
        : undefined;
    const outcome = await reconcileRecorded(
      run,
      plan,
      (_live, schema, engine) =>
        plan.source === 'export'
          ? table
            ? restoredSelection(table, { filter: plan.selection!, schema, totalSegments: plan.segments }, engine)
            : [exportSelection(s3!, plan.location, schema, plan.export)]
          : [fileSelection(plan.file, plan.format, schema, plan.deleteMissing)],
      dryRun,
      options,
    );
    await endTableRun(run, restoreItemsRunKey(plan));
    return { plan, dryRun, ...outcome };
  } catch (error) {
    await endTableRun(run, restoreItemsRunKey(plan), {
      name: (error as Error).name,
      message: (error as Error).message,
    });
    throw error;
  } finally {
    s3?.destroy();
    // The imported table only held the export for DynamoDB to filter: it never outlives the run.
    if (imported) await deleteTableIfExists(ctx.dynamodb, imported).catch(() => undefined);
  }
}

/**
 * Checks that writes are allowed, takes the table's recovery lock (refusing, before any change, while another
 * recovery holds it) and records the attempt; returns the context to record in (a dry run's lives in memory).
 */
async function beginItemsRun(
  ctx: RunContext,
  plan: RestoreItemsPlan,
  options: RestoreItemsOptions,
): Promise<RunContext> {
  if (!options.dryRun) await options.assertWritesAllowed?.(plan);
  // A dry run records nothing: its run lives in memory and ends with the process.
  const run: RunContext = options.dryRun ? { ...ctx, journal: new MemoryRunJournal() } : ctx;
  const fresh: RestoreItemsTableRun = { plan, result: 'running', phases: {}, counts: {} };
  await beginTableRun<RestoreItemsRun>(run, restoreItemsRunKey(plan), fresh, {
    executionId: options.executionId ?? randomUUID(),
    requestedTime: plan.restoreTime,
    restoreTime: plan.restoreTime,
  });
  return run;
}

async function fromPointInTime(
  ctx: RunContext,
  plan: PointInTimeItemsPlan,
  options: RestoreItemsOptions,
): Promise<RestoreItemsResult> {
  const dryRun = !!options.dryRun;
  const recorded = dryRun ? undefined : await readTableRun<RestoreItemsRun>(ctx.journal, restoreItemsRunKey(plan));
  if (recorded?.result === 'succeeded') return recordedResult(plan, recorded);
  const run = await beginItemsRun(ctx, plan, options);
  try {
    // Verified but not cleaned up (stopped in between): only the clean-up is left.
    const result = isVerified(recorded)
      ? recordedResult(plan, recorded!)
      : { plan, dryRun, ...(await restoreAndSelect(run, plan, dryRun, options)) };
    const deleted = dryRun
      ? !plan.keepRestoredTable && (await deleteTableIfExists(ctx.dynamodb, plan.restoredTableName))
      : (await deleteTemporaryTable(run, restoreItemsRunKey(plan), temporaryTableOf(plan))).deleted;
    await endTableRun(run, restoreItemsRunKey(plan));
    return { ...result, restoredTable: { name: plan.restoredTableName, deleted } };
  } catch (error) {
    await endTableRun(run, restoreItemsRunKey(plan), {
      name: (error as Error).name,
      message: (error as Error).message,
    });
    // A failed real run keeps the temporary table for its resume; a dry run has nothing to resume. The
    // first error is the one reported: a table still CREATING cannot be deleted yet, and a re-run reuses it.
    if (dryRun && !plan.keepRestoredTable) {
      await deleteTableIfExists(ctx.dynamodb, plan.restoredTableName).catch(() => undefined);
    }
    throw error;
  }
}

async function restoreAndSelect(
  run: RunContext,
  plan: PointInTimeItemsPlan,
  dryRun: boolean,
  options: RestoreItemsOptions,
): Promise<Omit<RestoreItemsResult, 'plan' | 'dryRun'>> {
  const key = restoreItemsRunKey(plan);
  const temporary = temporaryTableOf(plan);
  await startTemporaryTable(run, key, temporary);
  const deadline = new Date(Date.now() + plan.restoreDeadlineMinutes * 60_000).toISOString();
  await untilReady(() => awaitTemporaryTable(run, key, temporary, deadline), options.pollIntervalMs);
  const restored = { client: run.dynamodb, tableName: plan.restoredTableName };
  await recordTable<RestoreItemsRun>(run.journal, key, (t) => phaseStarted(t, 'sync', new Date()));
  return reconcileRecorded(
    run,
    plan,
    (live, schema, engine) => {
      const scan = { filter: plan.selection, schema, totalSegments: plan.segments };
      const wanted = restoredSelection(restored, scan, engine);
      return plan.deleteMissing ? [...wanted, ...missingAtTime(live, restored, scan, engine)] : wanted;
    },
    dryRun,
    options,
  );
}

/** Reconciles the selection, recording in the run the plan's counts, the sync and verify phases and the verification. */
async function reconcileRecorded(
  run: RunContext,
  plan: RestoreItemsPlan,
  sources: SelectionSources,
  dryRun: boolean,
  options: RestoreItemsOptions,
): Promise<Omit<RestoreItemsResult, 'plan' | 'dryRun'>> {
  const key = restoreItemsRunKey(plan);
  const outcome = await reconcileSelection(
    { client: run.dynamodb, tableName: plan.tableName },
    plan,
    sources,
    !dryRun,
    {
      onPreview: async (preview) => {
        await recordTable<RestoreItemsRun>(run.journal, key, (t) => ({
          ...t,
          counts: { ...t.counts, preview: countsOf(preview) },
        }));
        await options.onPreview?.(preview);
      },
      onVerify: () =>
        recordTable<RestoreItemsRun>(run.journal, key, (t) =>
          phaseStarted(phaseEnded(t, 'sync', new Date()), 'verify', new Date()),
        ),
      onProgress: run.onProgress,
    },
  );
  await recordTable<RestoreItemsRun>(run.journal, key, (t) => {
    const ended = phaseEnded(t, outcome.verification ? 'verify' : 'sync', new Date());
    if (!outcome.verification) return ended;
    const { equal, count, digest } = outcome.verification;
    const counts = { ...t.counts, written: countsOf(outcome.written!), verifySkipped: outcome.verification.skipped };
    return { ...ended, counts, verification: { equal, count, digest } };
  });
  return outcome;
}

function countsOf(preview: ItemsPreview): ItemCounts {
  return { selected: preview.selected, ...preview.counts };
}

/** A finished run as the journal recorded it (run again: nothing is redone). */
function recordedResult(plan: PointInTimeItemsPlan, table: RestoreItemsTableRun): RestoreItemsResult {
  const read = (counts: ItemCounts | undefined): ItemsPreview => ({
    selected: counts?.selected ?? 0,
    counts: Object.fromEntries(ITEM_FATES.map((f) => [f, counts?.[f] ?? 0])) as ItemsPreview['counts'],
    samples: Object.fromEntries(ITEM_FATES.map((f) => [f, []])) as unknown as ItemsPreview['samples'],
  });
  const v = table.verification;
  return {
    plan,
    dryRun: false,
    preview: read(table.counts.preview),
    written: read(table.counts.written),
    verification: v && { ...v, skipped: table.counts.verifySkipped ?? 0 },
  };
}
