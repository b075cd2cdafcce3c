import type { S3Store } from '../../s3/s3Store.js';
import { summaryManifestKey } from './exportFiles.js';
import { exportStatus } from './exportProgress.js';
import type { ExportRecord, TransferStore } from './transferStore.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportDescription.html */
export function exportDescription(
  s3: S3Store,
  transfers: TransferStore,
  record: ExportRecord,
): Record<string, unknown> {
  const status = exportStatus(s3, transfers, record);
  const done = status !== 'IN_PROGRESS';
  const inc = record.incremental;
  return {
    ExportArn: record.arn,
    ExportStatus: status,
    StartTime: record.startMs / 1000,
    ...(done ? { EndTime: record.readyMs / 1000 } : {}),
    ...(status === 'COMPLETED' ? { ExportManifest: summaryManifestKey(record) } : {}),
    TableArn: record.tableArn,
    TableId: record.tableId,
    ...(record.exportTimeMs !== undefined ? { ExportTime: record.exportTimeMs / 1000 } : {}),
    ClientToken: record.clientToken,
    S3Bucket: record.s3Bucket,
    ...(record.s3BucketOwner ? { S3BucketOwner: record.s3BucketOwner } : {}),
    ...(record.s3Prefix !== undefined ? { S3Prefix: record.s3Prefix } : {}),
    S3SseAlgorithm: record.s3SseAlgorithm,
    ...(record.s3SseKmsKeyId ? { S3SseKmsKeyId: record.s3SseKmsKeyId } : {}),
    ...(status === 'FAILED' && record.failure
      ? { FailureCode: record.failure.code, FailureMessage: record.failure.message }
      : {}),
    ExportFormat: 'DYNAMODB_JSON',
    ...(status === 'COMPLETED' ? { BilledSizeBytes: record.billedSizeBytes, ItemCount: record.itemCount } : {}),
    ExportType: record.exportType,
    ...(inc
      ? {
          IncrementalExportSpecification: {
            ExportFromTime: inc.fromMs / 1000,
            ExportToTime: inc.toMs / 1000,
            ExportViewType: inc.viewType,
          },
        }
      : {}),
  };
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportSummary.html */
export function exportSummary(s3: S3Store, transfers: TransferStore, record: ExportRecord): Record<string, unknown> {
  return { ExportArn: record.arn, ExportStatus: exportStatus(s3, transfers, record), ExportType: record.exportType };
}
