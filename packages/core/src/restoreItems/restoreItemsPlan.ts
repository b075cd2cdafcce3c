import type { ScanFilter } from '../aws/scanPage.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';
import type { ExportLocation } from '../s3Export/exportLocation.js';
import type { ItemSourceFormat } from './fileSelection.js';

/** What to do with selected items that the live table holds differently, and with keys that should not exist. */
export interface RestoreItemsChoices {
  /** `--overwrite-changed`: write back items changed after the time (default: report and skip them). */
  readonly overwriteChanged: boolean;
  /** `--delete-missing`: delete live items of the selection that did not exist at the time (or whose diff `left` is null). */
  readonly deleteMissing: boolean;
}

/**
 * A selective restore from a point-in-time restore: the table's restore plan
 * (names, time, window, segments) plus the selection and the choices.
 */
export interface PointInTimeItemsPlan extends TableRestorePlan, RestoreItemsChoices {
  readonly source: 'point-in-time';
  readonly selection: ScanFilter;
}

/** A selective restore from a file written by `export` or `diff` (or AWS CLI scan output). */
export interface FileItemsPlan extends RestoreItemsChoices {
  readonly source: 'file';
  /** The run's journal key, `restore-items-<generated id>`. */
  readonly incidentId: string;
  readonly tableName: string;
  readonly file: string;
  /** The content digest its manifest records (absent for AWS CLI scan output, which has none). */
  readonly manifestDigest?: string;
  /** The instant the file's content represents (its manifest's time); without a manifest, when the plan was made. */
  readonly restoreTime: string;
  readonly format: ItemSourceFormat;
  readonly segments: number;
  readonly sensitive: boolean;
  /** The most write / read capacity units per second spent on the table. @default adaptive */
  readonly maxWriteUnitsPerSecond?: number;
  readonly maxReadUnitsPerSecond?: number;
}

/** A selective restore of every item of a full export to S3 (`--from-export`). */
export interface ExportItemsPlan extends Omit<FileItemsPlan, 'source' | 'file' | 'format' | 'manifestDigest'> {
  readonly source: 'export';
  /** The export as the user named it (ARN or s3:// URI). */
  readonly export: string;
  readonly exportArn: string;
  readonly location: ExportLocation;
  /** The summary manifest's item count. */
  readonly exportedItems: number;
  /** Only the export's items matching this filter: DynamoDB evaluates it on a table the export is imported into. */
  readonly selection?: ScanFilter;
  /** That table (ImportTable), deleted at the end: `TABLE-dr-import-<id>`. */
  readonly importedTableName?: string;
}

/** The serialisable plan of `restore-items`, made by validation before anything changes. */
export type RestoreItemsPlan = PointInTimeItemsPlan | FileItemsPlan | ExportItemsPlan;
