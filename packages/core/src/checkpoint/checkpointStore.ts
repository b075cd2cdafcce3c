/** How far one unit of work (one sync operation over one scan segment) has come. Plain JSON. */
export interface SegmentCheckpoint {
  /** The sync operation: `copy`, `empty`, `delta` or `digest`. */
  readonly operation: string;
  /** The tables the run reads and writes; a resume against other tables is refused. */
  readonly tables: readonly string[];
  readonly segment: number;
  readonly totalSegments: number;
  /** The segment is finished: a resume skips it. */
  readonly done: boolean;
  readonly counts: SegmentCounts;
  /**
   * Opaque resume state (the scan cursor and the digest so far). Plain JSON
   * for ordinary tables; AES-256-GCM ciphertext for tables marked sensitive,
   * so no key value is ever stored in plain text.
   */
  readonly state?: string;
}

/** What one segment did. Counts of segments add up to the run's counts. */
export interface SegmentCounts {
  readonly scanned: number;
  readonly written: number;
  readonly deleted: number;
  /** Items that were already equal in the destination (delta only). */
  readonly unchanged: number;
}

/**
 * Where a run keeps its per-segment checkpoints, so that the same run id
 * resumes where a killed run stopped. Small on purpose: a file (locally), a
 * DynamoDB table or the workflow state (on AWS) each implement it in a few
 * lines.
 *
 * Implementations must be idempotent: saving the same checkpoint twice, or
 * clearing a run twice, leaves the same state as doing it once. A save must
 * be atomic (a reader sees the old or the new checkpoint, never a torn one),
 * because a run may be killed in the middle of one.
 */
export interface CheckpointStore {
  /**
   * The checkpoint saved for `key` in run `runId`. Resolves `undefined` when
   * there is none (unknown run, unknown key, or cleared): a missing
   * checkpoint is not an error, the segment then starts from its beginning.
   */
  load(runId: string, key: string): Promise<SegmentCheckpoint | undefined>;
  /** Replaces the checkpoint for `key` in run `runId` (creating the run if needed). */
  save(runId: string, key: string, checkpoint: SegmentCheckpoint): Promise<void>;
  /** Removes every checkpoint of run `runId`. Resolves normally when the run has none. */
  clear(runId: string): Promise<void>;
}
