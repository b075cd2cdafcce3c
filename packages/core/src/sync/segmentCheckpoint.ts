import type { SegmentCheckpoint, SegmentCounts } from '../checkpoint/checkpointStore.js';
import { InputError } from '../errors.js';
import type { SegmentCheckpointing, SegmentTask } from './runSegment.js';
import { NO_COUNTS } from './segmentCounts.js';
import type { SegmentState } from './segmentState.js';

/** The checkpoint key of an operation over a segment. */
export function checkpointKey(task: {
  readonly operation: string;
  readonly segment: number;
  readonly totalSegments: number;
}): string {
  return `${task.operation}-${task.segment}-of-${task.totalSegments}`;
}

export interface ResumePoint {
  readonly done: boolean;
  readonly counts: SegmentCounts;
  readonly state: SegmentState;
}

function tableNames(task: SegmentTask): string[] {
  return [task.source?.tableName, task.destination?.tableName].filter((t): t is string => !!t);
}

/** Where a segment resumes: its saved checkpoint, or the segment's start. Refuses a run id used for other tables. */
export async function loadResumePoint(task: SegmentTask, checkpointing?: SegmentCheckpointing): Promise<ResumePoint> {
  const saved = checkpointing && (await checkpointing.store.load(checkpointing.runId, checkpointKey(task)));
  if (!saved) return { done: false, counts: NO_COUNTS, state: {} };
  const tables = tableNames(task);
  if (saved.tables.join('\n') !== tables.join('\n')) {
    throw new InputError(
      'runId',
      checkpointing!.runId,
      `was used for tables ${saved.tables.join(' -> ')}, not ${tables.join(' -> ')}`,
      'Use a new run id for a different pair of tables.',
    );
  }
  const state = saved.state !== undefined ? checkpointing!.codec.decode(saved.state) : {};
  return { done: saved.done, counts: saved.counts, state };
}

/** Saves where a segment stands (no-op without checkpointing). */
export async function saveResumePoint(
  task: SegmentTask,
  checkpointing: SegmentCheckpointing | undefined,
  point: ResumePoint,
): Promise<void> {
  if (!checkpointing) return;
  const checkpoint: SegmentCheckpoint = {
    operation: task.operation,
    tables: tableNames(task),
    segment: task.segment,
    totalSegments: task.totalSegments,
    done: point.done,
    counts: point.counts,
    state: checkpointing.codec.encode(point.state),
  };
  await checkpointing.store.save(checkpointing.runId, checkpointKey(task), checkpoint);
}
