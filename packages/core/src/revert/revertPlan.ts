import type { RestorePlan, TableRestorePlan } from '../restore/restorePlan.js';
import type { RecordedExport } from '../restore/restoreRun.js';

/** What a revert does with a key written in the bad window and again after it. */
export type ConflictPolicy = 'skip' | 'overwrite';

/** AWS's shortest incremental export period: 15 minutes. */
export const MIN_EXPORT_PERIOD_MS = 15 * 60_000;
/** AWS's longest incremental export period: 24 hours; a longer span is exported in a chain of periods. */
export const MAX_EXPORT_PERIOD_MS = 24 * 3600_000;

/** What a revert needs besides a restore's request. */
export interface RevertOptions {
  /** The S3 bucket the incremental exports are written to; it must exist. */
  readonly exportBucket: string;
  /** The key prefix of the exports in the bucket. @default none (AWS writes under `AWSDynamoDB/`) */
  readonly exportPrefix?: string;
  /** Undo only the writes made between the time and this one, keeping later ones (ISO 8601). @default now */
  readonly untilTime?: string;
  /** A key written in the window and again after `untilTime`. @default 'skip' */
  readonly onConflict?: ConflictPolicy;
  /** The shortest incremental export period the account accepts, in ms. @default {@link MIN_EXPORT_PERIOD_MS} */
  readonly minExportPeriodMs?: number;
  /**
   * `keys`: read every reverted key back; `full`: also compare the whole table with a PITR restore at the time
   * (a temporary table, deleted after). Not with `untilTime`, which keeps later writes. @default 'keys'
   */
  readonly verify?: RevertVerification;
}

/** How a revert is verified. */
export type RevertVerification = 'keys' | 'full';

/** One incremental export's period, `[from, to)` in UTC; `window` periods are undone, `later` ones kept. */
export type ExportPeriod = Pick<RecordedExport, 'part' | 'from' | 'to'>;

/** One table's revert: a restore's plan plus where the exports go and the periods they cover. */
export interface TableRevertPlan extends TableRestorePlan {
  readonly tableArn: string;
  readonly exportBucket: string;
  readonly exportPrefix?: string;
  readonly onConflict: ConflictPolicy;
  /** The undone window's periods, then (with `untilTime`) the kept periods after it, in time order. */
  readonly periods: readonly ExportPeriod[];
  /** The end of the undone window in UTC: `untilTime`, or the latest restorable time when planned. */
  readonly untilTime: string;
  readonly verify: RevertVerification;
}

/**
 * What a table's revert state machine has baked in besides the restore's settings: where the exports go (its
 * worker may write and read there only) and the shortest export period the account accepts.
 */
export interface RevertSettings {
  readonly exportBucket: string;
  readonly exportPrefix?: string;
  readonly minExportPeriodMs?: number;
}

/** The plan of one revert command. */
export interface RevertPlan extends RestorePlan {
  readonly tables: readonly TableRevertPlan[];
  /** The end of the undone window in UTC: `untilTime`, or the latest restorable time when planned. */
  readonly untilTime: string;
}
