import { randomUUID } from 'node:crypto';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { InputError } from '../errors.js';
import { sharedKeySchema } from './sharedKeySchema.js';
import { createEngineContext, DEFAULT_SEGMENTS, type EngineContext } from './engineContext.js';
import { checkpointKey } from './segmentCheckpoint.js';
import { readPage } from './readItems.js';
import { runSegment, type SegmentCheckpointing, type SegmentOutcome } from './runSegment.js';
import { SegmentStateCodec } from './segmentState.js';
import type { SyncOperation, SyncOptions } from './syncTypes.js';
import { combineDigests, type TableDigest } from './tableDigest.js';
import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import { validateSyncOptions } from './validateSyncOptions.js';
import { addCounts, NO_COUNTS } from './segmentCounts.js';

export interface OperationTables {
  readonly source?: TableRef;
  readonly destination?: TableRef;
}

export interface OperationRun {
  readonly ctx: EngineContext;
  readonly schema: KeySchema;
  readonly runId?: string;
  readonly counts: SegmentCounts;
  /** Combined digest of the source (copy, delta, digest). */
  readonly digest?: TableDigest;
}

/**
 * Runs every segment of an operation in this process, in parallel, sharing
 * one request pool and per-table pacing. Validates everything before the
 * first write; the first failure stops all segments.
 */
export async function runOperation(
  operation: SyncOperation,
  tables: OperationTables,
  options: SyncOptions,
): Promise<OperationRun> {
  validateSyncOptions(options);
  const totalSegments = options.segments ?? DEFAULT_SEGMENTS;
  const schema = await sharedKeySchema(tables);
  const ctx = createEngineContext(operation, totalSegments, options);
  const checkpointing = await prepareCheckpoints(operation, totalSegments, options);
  if (operation === 'copy' && !checkpointing?.resuming) await assertEmpty(tables.destination!, ctx);
  if (checkpointing) await saveStart(operation, tables, totalSegments, checkpointing);
  const outcomes = await runSegments(ctx, totalSegments, (segment) =>
    runSegment({ operation, ...tables, schema, segment, totalSegments }, ctx, checkpointing),
  );
  return {
    ctx,
    schema,
    runId: checkpointing?.runId,
    counts: addCounts(...outcomes.map((o) => o.counts)),
    digest: operation === 'empty' ? undefined : combineDigests(...outcomes.map((o) => o.digest!)),
  };
}

/** Digests a table with every segment in parallel, in an existing run (verification) or a new one. */
export async function digestSegments(table: TableRef, schema: KeySchema, ctx: EngineContext, totalSegments: number) {
  const outcomes = await runSegments(ctx, totalSegments, (segment) =>
    runSegment({ operation: 'digest', source: table, schema, segment, totalSegments }, ctx),
  );
  return combineDigests(...outcomes.map((o) => o.digest!));
}

async function runSegments(
  ctx: EngineContext,
  totalSegments: number,
  run: (segment: number) => Promise<SegmentOutcome>,
): Promise<SegmentOutcome[]> {
  const segments = Array.from({ length: totalSegments }, (_, segment) =>
    run(segment).catch((error: unknown) => {
      // Stop the other segments at once: their work up to here is checkpointed.
      ctx.abort(error);
      throw error;
    }),
  );
  const settled = await Promise.allSettled(segments);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw ctx.signal.reason ?? failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<SegmentOutcome>).value);
}

async function prepareCheckpoints(
  operation: SyncOperation,
  totalSegments: number,
  options: SyncOptions,
): Promise<(SegmentCheckpointing & { resuming: boolean }) | undefined> {
  if (!options.checkpoints) return undefined;
  const codec = new SegmentStateCodec(options.sensitive ?? false, options.checkpointKey);
  codec.assertCanStore();
  const runId = options.runId ?? `${operation}-${randomUUID()}`;
  const first = await options.checkpoints.load(runId, checkpointKey({ operation, segment: 0, totalSegments }));
  return { store: options.checkpoints, runId, codec, resuming: first !== undefined };
}

/**
 * Records every segment as started before the first write, so that a run
 * killed before its first page completes is still recognised as a resume
 * (and a copy does not refuse the destination it already began to fill).
 */
async function saveStart(
  operation: SyncOperation,
  tables: OperationTables,
  totalSegments: number,
  checkpointing: SegmentCheckpointing & { resuming: boolean },
): Promise<void> {
  if (checkpointing.resuming) return;
  const names = [tables.source?.tableName, tables.destination?.tableName].filter((t): t is string => !!t);
  await Promise.all(
    Array.from({ length: totalSegments }, (_, segment) =>
      checkpointing.store.save(checkpointing.runId, checkpointKey({ operation, segment, totalSegments }), {
        operation,
        tables: names,
        segment,
        totalSegments,
        done: false,
        counts: NO_COUNTS,
      }),
    ),
  );
}

/** Refuses a copy into a table that holds items; its scan is retried on throttling like every other read. */
async function assertEmpty(destination: TableRef, ctx: EngineContext): Promise<void> {
  const first = { segment: 0, totalSegments: 1, limit: 1 };
  let page = await readPage(destination, first, ctx);
  // A page may evaluate nothing visible yet carry on (deleted space); follow it until an item or the end.
  while (page.items.length === 0 && page.lastKey) {
    page = await readPage(destination, { ...first, startKey: page.lastKey }, ctx);
  }
  if (page.items.length > 0) {
    throw new InputError(
      'destination',
      destination.tableName,
      'already holds items, so a copy could not make it equal to the source',
      'Use deltaSync (same end state, fewest writes), or emptyTable first.',
    );
  }
}
