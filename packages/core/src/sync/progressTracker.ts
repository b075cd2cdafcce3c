import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import type { SyncOperation, SyncProgress } from './syncTypes.js';

const INTERVAL_MS = 200;

/** Adds up what all segments did and reports it, at most every 200 ms. */
export class ProgressTracker {
  private counts = { scanned: 0, written: 0, deleted: 0, unchanged: 0 };
  private segmentsDone = 0;
  private startedAt = performance.now();
  private reportedAt = 0;
  private phase: SyncProgress['phase'] = 'sync';
  estimatedItems?: number;

  constructor(
    private readonly operation: SyncOperation,
    private readonly totalSegments: number,
    private readonly listener?: (progress: SyncProgress) => void,
  ) {}

  add(delta: Partial<SegmentCounts>): void {
    this.counts.scanned += delta.scanned ?? 0;
    this.counts.written += delta.written ?? 0;
    this.counts.deleted += delta.deleted ?? 0;
    this.counts.unchanged += delta.unchanged ?? 0;
    this.report(false);
  }

  segmentDone(): void {
    this.segmentsDone += 1;
    this.report(false);
  }

  /** Ends the current phase (reporting it) and starts `phase` with fresh counts. */
  startPhase(phase: SyncProgress['phase']): void {
    this.report(true);
    this.phase = phase;
    this.counts = { scanned: 0, written: 0, deleted: 0, unchanged: 0 };
    this.segmentsDone = 0;
    this.startedAt = performance.now();
  }

  finish(): void {
    this.report(true);
  }

  private report(force: boolean): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.reportedAt < INTERVAL_MS) return;
    this.reportedAt = now;
    const elapsedMs = now - this.startedAt;
    const itemsPerSecond = elapsedMs > 0 ? (this.counts.scanned / elapsedMs) * 1000 : 0;
    const estimatedItems = this.estimatedItems || undefined;
    const etaSeconds =
      estimatedItems && itemsPerSecond > 0
        ? Math.max(0, (estimatedItems - this.counts.scanned) / itemsPerSecond)
        : undefined;
    this.listener({
      operation: this.operation,
      phase: this.phase,
      ...this.counts,
      segmentsDone: this.segmentsDone,
      totalSegments: this.totalSegments,
      itemsPerSecond,
      estimatedItems,
      etaSeconds,
      elapsedMs,
    });
  }
}
