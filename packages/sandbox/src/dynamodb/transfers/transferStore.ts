import { JsonStateFile } from '../../jsonStateFile.js';

/** A data file of an export, as its files manifest lists it. */
export interface ExportDataFile {
  readonly key: string;
  readonly itemCount: number;
  /** Base64 MD5 of the object's bytes. */
  readonly md5Checksum: string;
  /** The object's ETag without quotes (hex MD5: one part). */
  readonly etag: string;
}

/** The period and view of an incremental export, in ms. */
export interface IncrementalPeriod {
  readonly fromMs: number;
  readonly toMs: number;
  readonly viewType: 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';
}

/** Why a transfer failed, as DescribeExport / DescribeImport report it. */
export interface TransferFailure {
  readonly code: string;
  readonly message: string;
}

/** One ExportTableToPointInTime request and what it wrote. */
export interface ExportRecord {
  readonly id: string;
  readonly arn: string;
  readonly tableArn: string;
  readonly tableId: string;
  readonly clientToken: string;
  /** The request's parameters besides the client token, canonical, to compare a repeated token's. */
  readonly parameters: string;
  readonly s3Bucket: string;
  readonly s3BucketOwner?: string;
  readonly s3Prefix?: string;
  readonly s3SseAlgorithm: string;
  readonly s3SseKmsKeyId?: string;
  readonly exportType: 'FULL_EXPORT' | 'INCREMENTAL_EXPORT';
  /** A full export's point in time. */
  readonly exportTimeMs?: number;
  readonly incremental?: IncrementalPeriod;
  readonly startMs: number;
  /** When the export stops being IN_PROGRESS. */
  readonly readyMs: number;
  readonly itemCount: number;
  readonly billedSizeBytes: number;
  readonly dataFiles: readonly ExportDataFile[];
  failure?: TransferFailure;
  /** Set once the manifests are written (or the failure settled): the export is COMPLETED or FAILED. */
  finished: boolean;
}

/** One ImportTable request. The table it creates is CREATING while the import is IN_PROGRESS. */
export interface ImportRecord {
  readonly id: string;
  readonly arn: string;
  readonly tableArn: string;
  /** The created table instance's id; absent when the import failed before creating it. */
  readonly tableId?: string;
  readonly clientToken: string;
  readonly parameters: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly startMs: number;
  readonly processedItemCount: number;
  readonly importedItemCount: number;
  readonly errorCount: number;
  readonly processedSizeBytes: number;
  readonly failure?: TransferFailure;
}

interface TransferState {
  exports: ExportRecord[];
  imports: ImportRecord[];
}

/** Exports and imports, in memory or in `file` (rewritten on every change). */
export class TransferStore {
  private readonly state: JsonStateFile<TransferState>;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(file?: string) {
    this.state = new JsonStateFile(file, () => ({ exports: [], imports: [] }));
  }

  get exports(): readonly ExportRecord[] {
    return this.state.data.exports;
  }

  get imports(): readonly ImportRecord[] {
    return this.state.data.imports;
  }

  addExport(record: ExportRecord): void {
    this.state.data.exports.push(record);
    this.save();
  }

  addImport(record: ImportRecord): void {
    this.state.data.imports.push(record);
    this.save();
  }

  /** Call after changing a record. */
  save(): void {
    this.state.save();
  }

  /** Runs `work` at `atMs` (at once if past), unless the store is closed first. */
  at(atMs: number, work: () => void): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        work();
      },
      Math.max(0, atMs - Date.now()),
    );
    this.timers.add(timer);
  }

  /** Cancels the pending work (the sandbox is stopping); what it would have done happens at the next start. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
