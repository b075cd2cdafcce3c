import type { CheckpointStore, SegmentCheckpoint } from './checkpointStore.js';

/**
 * A {@link CheckpointStore} in memory. `syncSegment` uses it to carry
 * checkpoints through a workflow's state (in with the request, out with the
 * result); tests use it too.
 *
 * @example
 * await copyTable(source, destination, { checkpoints: new MemoryCheckpointStore(), runId: 'incident-42' });
 */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly runs = new Map<string, Map<string, SegmentCheckpoint>>();

  async load(runId: string, key: string): Promise<SegmentCheckpoint | undefined> {
    return this.runs.get(runId)?.get(key);
  }

  async save(runId: string, key: string, checkpoint: SegmentCheckpoint): Promise<void> {
    let run = this.runs.get(runId);
    if (!run) this.runs.set(runId, (run = new Map()));
    run.set(key, checkpoint);
  }

  async clear(runId: string): Promise<void> {
    this.runs.delete(runId);
  }

  /** Every checkpoint of a run, in key order. */
  list(runId: string): SegmentCheckpoint[] {
    const run = this.runs.get(runId);
    return run ? [...run.keys()].sort().map((k) => run.get(k)!) : [];
  }
}
