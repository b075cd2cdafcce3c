import type { CheckpointStore, SegmentCounts } from '../checkpoint/checkpointStore.js';
import type { RetryPolicy } from './backoff.js';
import type { TableDigest } from './tableDigest.js';

/** How a sync runs. Every field is optional; defaults suit one process on a small machine. */
export interface SyncOptions {
  /** Parallel scan segments (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan). @default 8 */
  readonly segments?: number;
  /** Requests in flight at once (writes and batch reads, all segments together). @default 16 */
  readonly concurrency?: number;
  /** Never write faster than this many write capacity units per second (per table). @default unlimited, adaptive */
  readonly maxWriteUnitsPerSecond?: number;
  /** Never read faster than this many read capacity units per second (per table). @default unlimited, adaptive */
  readonly maxReadUnitsPerSecond?: number;
  /** Called at most every 200 ms, and once at the end of each phase. */
  readonly onProgress?: (progress: SyncProgress) => void;
  /** Where per-segment checkpoints go; with `runId`, a killed run resumes where it stopped. */
  readonly checkpoints?: CheckpointStore;
  /** Names the run in the checkpoint store; the same id resumes. @default a new run each time */
  readonly runId?: string;
  /** The table holds sensitive data: checkpoints are encrypted and errors show key digests, not keys. @default false */
  readonly sensitive?: boolean;
  /** 32-byte AES-256 key (base64) for checkpoints of sensitive tables. @default process.env.DYNAMO_DR_CHECKPOINT_KEY */
  readonly checkpointKey?: string;
  /** Most items per Scan page; smaller pages checkpoint more often and hold less memory. @default 1000 */
  readonly pageSize?: number;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal;
}

/** A snapshot of a running sync, for progress bars. */
export interface SyncProgress {
  readonly operation: SyncOperation;
  /** `sync` while changing the destination, `verify` while reading it back. */
  readonly phase: 'sync' | 'verify';
  readonly scanned: number;
  readonly written: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly segmentsDone: number;
  readonly totalSegments: number;
  /** Items scanned per second since the phase started. */
  readonly itemsPerSecond: number;
  /** Items the scanned table holds, when DynamoDB's estimate (ItemCount, updated about every 6 hours) is known. */
  readonly estimatedItems?: number;
  /** Seconds left at the current rate, when `estimatedItems` is known. */
  readonly etaSeconds?: number;
  readonly elapsedMs: number;
}

/**
 * What the engine does over a segment of its tables:
 * - `copy`: put every source item into the destination (and digest the source);
 * - `empty`: delete every destination item;
 * - `delta`: make the destination equal to the source with the fewest writes (and digest the source);
 * - `digest`: count and digest the source.
 */
export type SyncOperation = 'copy' | 'empty' | 'delta' | 'digest';

export const SYNC_OPERATIONS: readonly SyncOperation[] = ['copy', 'empty', 'delta', 'digest'];

/** What a finished, verified sync did. */
export interface SyncResult {
  readonly operation: SyncOperation;
  readonly runId?: string;
  readonly counts: SegmentCounts;
  /** The source's digest (copy, delta). */
  readonly source?: TableDigest;
  /** The destination's digest, read back after the sync. */
  readonly destination: TableDigest;
  readonly durationMs: number;
}

/** Two tables compared by content. */
export interface TableComparison {
  readonly equal: boolean;
  readonly a: TableDigest;
  readonly b: TableDigest;
}
