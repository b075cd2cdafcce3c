import type { S3Store } from '../../s3/s3Store.js';
import { writeExportManifests } from './exportFiles.js';
import type { ExportRecord, TransferStore } from './transferStore.js';

export type ExportStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/**
 * Ends an export whose time has come: its manifests are written and it is
 * COMPLETED, or it is FAILED (the bucket is missing, or went away). Runs on a
 * timer and whenever the export is looked at, so a COMPLETED export always
 * has its manifests. Idempotent.
 */
export function settleExport(s3: S3Store, transfers: TransferStore, record: ExportRecord): void {
  if (record.finished || Date.now() < record.readyMs) return;
  if (!record.failure && !s3.bucket(record.s3Bucket)) record.failure = noSuchBucket();
  if (!record.failure) writeExportManifests(s3, record, record.readyMs);
  record.finished = true;
  transfers.save();
}

/** An export is IN_PROGRESS for the configured time, then COMPLETED or FAILED. */
export function exportStatus(s3: S3Store, transfers: TransferStore, record: ExportRecord): ExportStatus {
  settleExport(s3, transfers, record);
  if (!record.finished) return 'IN_PROGRESS';
  return record.failure ? 'FAILED' : 'COMPLETED';
}

/** Settles the exports a previous run of the sandbox left in progress, each at its time. */
export function resumeExports(s3: S3Store, transfers: TransferStore): void {
  for (const record of transfers.exports) {
    if (!record.finished) transfers.at(record.readyMs, () => settleExport(s3, transfers, record));
  }
}

/** What DescribeExport reports for an export to a bucket that does not exist. */
export const noSuchBucket = () => ({ code: 'S3NoSuchBucket', message: 'The specified bucket does not exist' });
