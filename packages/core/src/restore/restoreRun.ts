import type { SegmentCounts } from '../checkpoint/checkpointStore.js';
import type { RecordedVerification, RunRecordOf, TableRunBase } from '../runs/runRecord.js';
import type { TableRunKey } from '../runs/tableRun.js';
import type { TableDigest } from '../sync/tableDigest.js';
import type { TemporaryTable } from '../tableRestore/temporaryTable.js';
import type { TableRestorePlan } from './restorePlan.js';

/** The sync operations a restore runs over its segments: `delta`, or `empty` then `copy` (reset). */
export type RestoreSyncOperation = 'empty' | 'copy' | 'delta';

/** One table's part of a restore run. */
export interface RestoreTableRun extends TableRunBase<TableRestorePlan> {
  readonly forensicBackupArn?: string;
  /** Segments finished, as `operation:segment` (`revert:segment` for a revert) and `verify-restored:segment` / `verify-destination:segment`. */
  readonly segmentsDone: readonly string[];
  /** Digests of finished verification segments, by the same keys. */
  readonly digests?: Readonly<Record<string, TableDigest>>;
  /** What each sync operation did, summed over its segments; a revert's writes under `revert`. */
  readonly counts: Readonly<Partial<Record<RestoreSyncOperation | 'revert', SegmentCounts>>>;
  /** A revert's incremental exports, in time order: a resumed run reuses them. */
  readonly exports?: readonly RecordedExport[];
  /** How many of a revert's writes (in key order) each segment has done: a resumed run goes on from there. */
  readonly revertedKeys?: Readonly<Record<number, number>>;
  /**
   * The keys a revert found written in its window and again after it (as the journal may show them): the first
   * 100 its segments found (RECORDED_CONFLICTS); `conflictCount` counts them all.
   */
  readonly conflicts?: readonly unknown[];
  readonly conflictCount?: number;
  /** A revert's read-back, per segment: how far it got, the digests so far and the keys that differ. */
  readonly revertChecked?: Readonly<Record<number, RevertedSegmentCheck>>;
  readonly verification?: RecordedVerification;
  /** A revert's `--verify full`: the whole table against a PITR restore at the time, and how many keys differ. */
  readonly fullVerification?: RecordedVerification & { readonly differing: number };
}

/** One segment's read-back of a revert's keys, journaled chunk by chunk. */
export interface RevertedSegmentCheck {
  /** Keys read back so far (in the segment's key order). */
  readonly checked: number;
  /** The digest of their images at the time, and of what the table holds. */
  readonly expected: TableDigest;
  readonly actual: TableDigest;
  /** How many differ, and the first few (as the journal may show keys). */
  readonly differing: number;
  readonly sample: readonly unknown[];
  readonly done: boolean;
}

/**
 * One incremental export of a revert: its period `[from, to)` in UTC (`window` periods are undone, `later`
 * ones kept), its ARN, and its manifest summary's key once completed.
 */
export interface RecordedExport {
  readonly part: 'window' | 'later';
  readonly from: string;
  readonly to: string;
  readonly arn: string;
  readonly manifestKey?: string;
}

/** The journal record of `dynamo-dr restore` (and of a restore state machine's executions). */
export type RestoreRun = RunRecordOf<'restore', RestoreTableRun>;

/** Where a table's restore is recorded. */
export function restoreRunKey(plan: Pick<TableRestorePlan, 'incidentId' | 'tableName'>): TableRunKey<'restore'> {
  return { kind: 'restore', incidentId: plan.incidentId, tableName: plan.tableName };
}

/** A table's restore as first recorded. */
export function newRestoreTableRun(plan: TableRestorePlan): RestoreTableRun {
  return { plan, result: 'running', phases: {}, segmentsDone: [], counts: {} };
}

/** Whether the destination was already verified equal to the restored data (a resumed run past the sync). */
export function isVerified(table: { readonly verification?: RecordedVerification } | undefined): boolean {
  return table?.verification?.equal === true;
}

/** The temporary table of a plan: the PITR restore of the destination at the plan's time. */
export function temporaryTableOf(plan: TableRestorePlan): TemporaryTable {
  return {
    name: plan.restoredTableName,
    source: { kind: 'pitr', tableName: plan.tableName, restoreTime: plan.restoreTime },
    keep: plan.keepRestoredTable,
  };
}
