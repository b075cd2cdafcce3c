import type { ItemFileFormat } from '../itemFile/itemFileFormat.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';

/** Where an export reads its items. */
export type ExportSource =
  | {
      /** A point-in-time restore of `tableName` at `restoreTime` (UTC) into a temporary table. */
      readonly kind: 'pitr';
      readonly tableName: string;
      readonly tableArn?: string;
      readonly restoreTime: string;
      /** The window the time was checked against (UTC, ISO 8601). */
      readonly restorableWindow: { readonly earliest: string; readonly latest: string };
    }
  | {
      /** An on-demand backup restored into a temporary table. */
      readonly kind: 'backup';
      readonly backupArn: string;
      readonly tableName: string;
      readonly backupCreatedAt: string;
    }
  | {
      /** The live table, scanned as it is now (not a point-in-time snapshot). */
      readonly kind: 'table';
      readonly tableName: string;
      readonly tableArn?: string;
    };

/** The serialisable plan of one export; `--dry-run` prints it. */
export interface ExportPlan {
  readonly source: ExportSource;
  /** The data file, absolute; its manifest is `out.manifest.json`. */
  readonly out: string;
  readonly format: ItemFileFormat;
  /** Replace an existing `out`. */
  readonly force: boolean;
  /** Parallel scan segments. */
  readonly segments: number;
  /** The most read capacity units per second the scan spends on the table. @default adaptive */
  readonly maxReadUnitsPerSecond?: number;
  /** DescribeTable's ItemCount of the source (AWS refreshes it about every six hours). */
  readonly estimatedItems: number;
  /**
   * The temporary table's restore, for `pitr` and `backup` sources: its name, the journal key
   * (`export-<incident>`, apart from restores of the same incident) and whether to keep it.
   */
  readonly restore?: TableRestorePlan;
}
