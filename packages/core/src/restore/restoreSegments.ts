import { createHash } from 'node:crypto';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { TableRef } from '../aws/tableRef.js';
import { createEngineContext, type EngineContext } from '../sync/engineContext.js';
import { ProgressTracker } from '../sync/progressTracker.js';
import { runSegment, type SegmentOutcome } from '../sync/runSegment.js';
import { currentPace, resumePace, type SegmentPace } from '../sync/segmentPace.js';
import { SegmentStateCodec } from '../sync/segmentState.js';
import { sharedKeySchema } from '../sync/sharedKeySchema.js';
import type { SyncOperation } from '../sync/syncTypes.js';
import type { RestoreStepContext } from './restoreStepContext.js';
import type { TableRestorePlan } from './restorePlan.js';

/** One segment of a sync operation in a restore: which tables, what is reported, where it checkpoints. */
export interface RestoreSegment {
  readonly operation: SyncOperation;
  readonly source?: string;
  readonly destination?: string;
  readonly segment: number;
  /** The phase the progress display shows (`empty`, `copy`, `delta`, `verify`). */
  readonly phase: string;
  /** Names its checkpoints apart from other operations over the same segment (the two sides of a verification). */
  readonly checkpointName: string;
}

/**
 * Runs one segment of a sync operation with the engine, checkpointing after every page (one entry per
 * segment in `ctx.checkpoints`), so that a killed or timed-out call continues where it stopped. In-process
 * it runs to the end on the run's shared engine context; on Lambda it makes its own, starts at the write
 * pace of the previous call (`pace`) and returns unfinished when its time budget runs out.
 */
export async function runRestoreSegment(
  ctx: RestoreStepContext,
  plan: TableRestorePlan,
  work: RestoreSegment,
  pace: SegmentPace | undefined,
): Promise<{ outcome: SegmentOutcome; pace: SegmentPace }> {
  const table = (tableName: string | undefined): TableRef | undefined =>
    tableName === undefined ? undefined : { client: ctx.engineClient, tableName };
  const tables = { source: table(work.source), destination: table(work.destination) };
  const { engine, schema } = await segmentEngine(ctx, plan, work, tables);
  if (!ctx.engine) resumePace(engine, work.destination, pace);
  const codec = new SegmentStateCodec(plan.sensitive);
  codec.assertCanStore();
  try {
    const outcome = await runSegment(
      { operation: work.operation, ...tables, schema, segment: work.segment, totalSegments: plan.segments },
      engine,
      { store: ctx.checkpoints, runId: checkpointRunId(plan, work.checkpointName), codec },
      ctx.segmentBudgetMs === undefined ? undefined : Date.now() + ctx.segmentBudgetMs,
    );
    engine.progress.finish();
    return { outcome, pace: (!ctx.engine && currentPace(engine, work.destination)) || {} };
  } catch (error) {
    // Stop the run's other segments at once: their work up to here is checkpointed.
    engine.abort(error);
    throw error;
  }
}

/** The checkpoint run of one kind of segment work of a table's restore (within checkpointNameRule). */
export function checkpointRunId(plan: Pick<TableRestorePlan, 'incidentId' | 'tableName'>, name: string): string {
  const table = createHash('sha256').update(plan.tableName).digest('hex').slice(0, 16);
  return `${plan.incidentId}.${table}.${name}`;
}

/** The checkpoint names of a restore's segment work, cleared together when a sync must start anew. */
export const CHECKPOINT_NAMES = ['empty', 'copy', 'delta', 'verify-restored', 'verify-destination'] as const;

async function segmentEngine(
  ctx: RestoreStepContext,
  plan: TableRestorePlan,
  work: RestoreSegment,
  tables: { readonly source?: TableRef; readonly destination?: TableRef },
): Promise<{ engine: EngineContext; schema: KeySchema }> {
  const progress = new ProgressTracker(work.operation, plan.segments, progressListener(ctx, plan, work.phase));
  if (ctx.engine) {
    const schema = await ctx.engine.keySchema({ source: work.source, destination: work.destination });
    return { engine: { ...ctx.engine.context, progress }, schema };
  }
  const engine = workerEngine(work.operation, plan);
  return { engine: { ...engine, progress }, schema: await sharedKeySchema(tables) };
}

/**
 * The engine context of one Lambda call of a segment step: a worker paces its own share of the table-wide caps,
 * as the Map runs every segment at once.
 */
export function workerEngine(
  operation: SyncOperation,
  plan: Pick<TableRestorePlan, 'segments' | 'sensitive' | 'maxWriteUnitsPerSecond' | 'maxReadUnitsPerSecond'>,
): EngineContext {
  const share = (cap: number | undefined) => (cap === undefined ? undefined : cap / plan.segments);
  return createEngineContext(operation, plan.segments, {
    sensitive: plan.sensitive,
    maxWriteUnitsPerSecond: share(plan.maxWriteUnitsPerSecond),
    maxReadUnitsPerSecond: share(plan.maxReadUnitsPerSecond),
  });
}

function progressListener(ctx: RestoreStepContext, plan: TableRestorePlan, phase: string) {
  if (!ctx.onProgress) return undefined;
  let reported = 0;
  return (progress: { readonly scanned: number }) => {
    ctx.onProgress!({ tableName: plan.tableName, phase, newItems: progress.scanned - reported });
    reported = progress.scanned;
  };
}
