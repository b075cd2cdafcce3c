import type { DynamoStore } from '../store/dynamoStore.js';
import type { ImportRecord } from './transferStore.js';

export type ImportStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** An import is IN_PROGRESS while its table is CREATING (loading), then COMPLETED; FAILED if it made none. */
export function importStatus(store: DynamoStore, record: ImportRecord): { status: ImportStatus; endMs?: number } {
  if (record.failure) return { status: 'FAILED', endMs: record.startMs };
  const instance = store.instance(record.tableId as string);
  if (instance && store.isCreating(instance)) return { status: 'IN_PROGRESS' };
  return { status: 'COMPLETED', endMs: instance?.restore?.readyMs ?? record.startMs };
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportTableDescription.html */
export function importDescription(store: DynamoStore, record: ImportRecord): Record<string, unknown> {
  const { status, endMs } = importStatus(store, record);
  const r = record.request;
  return {
    ImportArn: record.arn,
    ImportStatus: status,
    TableArn: record.tableArn,
    ...(record.tableId ? { TableId: record.tableId } : {}),
    ClientToken: record.clientToken,
    S3BucketSource: r.S3BucketSource,
    ErrorCount: record.errorCount,
    InputFormat: r.InputFormat,
    InputCompressionType: r.InputCompressionType ?? 'NONE',
    TableCreationParameters: r.TableCreationParameters,
    StartTime: record.startMs / 1000,
    ...(endMs !== undefined ? { EndTime: endMs / 1000 } : {}),
    ProcessedSizeBytes: record.processedSizeBytes,
    ProcessedItemCount: record.processedItemCount,
    ImportedItemCount: record.importedItemCount,
    ...(record.failure ? { FailureCode: record.failure.code, FailureMessage: record.failure.message } : {}),
  };
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ImportSummary.html */
export function importSummary(store: DynamoStore, record: ImportRecord): Record<string, unknown> {
  const { status, endMs } = importStatus(store, record);
  return {
    ImportArn: record.arn,
    ImportStatus: status,
    TableArn: record.tableArn,
    S3BucketSource: record.request.S3BucketSource,
    InputFormat: record.request.InputFormat,
    StartTime: record.startMs / 1000,
    ...(endMs !== undefined ? { EndTime: endMs / 1000 } : {}),
  };
}
