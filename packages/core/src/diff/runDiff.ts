import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeTableShape } from '../aws/describeTableShape.js';
import { DrError } from '../errors.js';
import { createChangeFileWriter } from '../itemFile/createItemFileWriter.js';
import type { ItemFileManifest } from '../itemFile/itemFileManifest.js';
import { deleteTableIfExists } from '../aws/dynamoDbCalls.js';
import { awaitRestoredTable, startTableRestore } from '../tableRestore/tableRestore.js';
import { untilReady } from '../workflow/untilReady.js';
import { createEngineContext } from '../sync/engineContext.js';
import type { DiffPlan, DiffSide } from './diffPlan.js';
import { diffTables, type DiffCounts } from './diffTables.js';

export interface RunDiffOptions {
  /** First wait between polls of a backup's restore, in ms (doubling up to 20 s). @default 1000 */
  readonly pollIntervalMs?: number;
  /** Told the number of items scanned on both sides so far. */
  readonly onScanned?: (scanned: number) => void;
}

export interface DiffResult {
  readonly plan: DiffPlan;
  readonly counts: DiffCounts;
  readonly manifest: ItemFileManifest;
}

/**
 * Executes a diff plan: restores backup sides into temporary tables, compares
 * the two tables (parallel scans with BatchGetItem lookups on the other
 * side), streams every change to the diff file with its manifest, and deletes
 * the temporary tables — also when the diff fails.
 *
 * @example
 * const plan = await planDiff(ddb, journal, { incidentId: 'inc-7', out: 'lost-writes.jsonl' });
 * const { counts } = await runDiff(ddb, plan); // { added, removed, changed, unchanged }
 */
export async function runDiff(
  client: DynamoDBClient,
  plan: DiffPlan,
  options: RunDiffOptions = {},
): Promise<DiffResult> {
  const writer = createChangeFileWriter(plan.out, {
    source: {
      kind: 'diff',
      left: plan.left.spec,
      right: plan.right.spec,
      ...(plan.incidentId ? { incidentId: plan.incidentId } : {}),
    },
    time: new Date().toISOString(),
  });
  try {
    await Promise.all(
      [plan.left, plan.right].map((side) => materialize(client, side, plan, options.pollIntervalMs ?? 1000)),
    );
    const left = { client, tableName: plan.left.tableName };
    const right = { client, tableName: plan.right.tableName };
    const schema = (await describeTableShape(left)).keySchema;
    const ctx = createEngineContext('digest', plan.segments, {
      onProgress: options.onScanned && ((p) => options.onScanned!(p.scanned)),
    });
    const counts = await diffTables(left, right, schema, plan.segments, (change) => writer.write(change), ctx);
    ctx.progress.finish();
    const manifest = await writer.close();
    await removeTemporaryTables(client, plan);
    return { plan, counts, manifest };
  } catch (error) {
    await writer.abort();
    // The first error is the one reported (a table still CREATING cannot be deleted yet: the hint names it).
    await removeTemporaryTables(client, plan).catch(() => undefined);
    if (error instanceof DrError || !temporaryTables(plan).length) throw error;
    throw new DrError(`The diff failed: ${(error as Error).message}`, {
      cause: error,
      hint: `Check that no temporary table is left (${temporaryTables(plan).join(', ')}) and run diff again.`,
    });
  }
}

function temporaryTables(plan: DiffPlan): string[] {
  return [plan.left, plan.right].filter((s) => s.temporary).map((s) => s.tableName);
}

async function removeTemporaryTables(client: DynamoDBClient, plan: DiffPlan): Promise<void> {
  for (const tableName of temporaryTables(plan)) await deleteTableIfExists(client, tableName);
}

/** Restores a backup side into its temporary table and waits until it is ACTIVE and is that backup's restore. */
async function materialize(client: DynamoDBClient, side: DiffSide, plan: DiffPlan, firstWaitMs: number): Promise<void> {
  if (side.kind !== 'backup') return;
  const source = { kind: 'backup', backupArn: side.backupArn! } as const;
  await startTableRestore(client, source, side.tableName);
  const deadline = new Date(Date.now() + plan.restoreDeadlineMinutes * 60_000).toISOString();
  // Never compare a table that merely has the name: it must be this backup's restore (awaitRestoredTable checks).
  await untilReady(() => awaitRestoredTable(client, source, side.tableName, deadline), firstWaitMs);
}
