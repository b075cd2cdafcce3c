import { AwsError, validationError } from '../../awsError.js';
import { tableArn, tableArnParts, tableNameInRegion } from '../arns.js';
import { pointInTimeRecoveryUnavailable, tableNotFound } from '../dynamoErrors.js';
import { backupSourceTable } from '../liveTable.js';
import { restorableWindow } from '../restorableWindow.js';
import type { DynamoContext } from '../service.js';
import { validateRequest } from '../../validateRequest.js';
import { canonicalParameters, earlierTransfer } from '../transfers/clientToken.js';
import { fullExportLines, incrementalExportLines } from '../transfers/exportContent.js';
import { exportFolder, writeExportData } from '../transfers/exportFiles.js';
import { noSuchBucket, settleExport } from '../transfers/exportProgress.js';
import { checkExportChoices, EXPORT_RULES, fullExportTime, incrementalPeriod } from '../transfers/exportRules.js';
import { exportDescription } from '../transfers/exportViews.js';
import { defaultClientToken, transferId } from '../transfers/transferId.js';
import type { ExportRecord, IncrementalPeriod } from '../transfers/transferStore.js';

/** AWS runs up to 300 exports at a time per account (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
const MAX_EXPORTS_IN_PROGRESS = 300;

/**
 * ExportTableToPointInTime into the sandbox's S3 subset, in AWS's layout:
 * a FULL_EXPORT of the table at ExportTime, or an INCREMENTAL_EXPORT of what
 * changed in a period, both read from the write journal that PITR restores
 * read (the sandbox's millisecond edges: a write at a period's start belongs
 * to the old image, one at its end to the new, as restores to those times
 * include them). Every check comes before anything is written; an unknown
 * bucket is found by the running export, which then FAILS, as on AWS.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html
 */
export async function exportTableToPointInTime(request: Record<string, unknown>, ctx: DynamoContext): Promise<unknown> {
  const data = validateRequest(request, EXPORT_RULES, checkExportChoices);
  const { store, s3, transfers } = ctx;
  const now = store.now();
  const clientToken = (data.ClientToken as string | undefined) ?? defaultClientToken();
  const parameters = canonicalParameters(data);
  const earlier = earlierTransfer(transfers.exports, clientToken, parameters, now, () => conflict(clientToken));
  if (earlier) return { ExportDescription: exportDescription(s3, transfers, earlier) };

  const arn = data.TableArn as string;
  if (tableArnParts(arn) === undefined) throw validationError(`Invalid TableArn: ${arn} is not a DynamoDB table ARN.`);
  // A Region's endpoint exports only its own tables.
  const tableName = tableNameInRegion(arn, ctx.region);
  if (tableName === undefined) throw tableNotFound(arn);
  const { instance } = await backupSourceTable(ctx, tableName);
  const window = restorableWindow(store, instance);
  if (!window) throw pointInTimeRecoveryUnavailable(tableName);
  const incremental = data.ExportType === 'INCREMENTAL_EXPORT';
  const period: IncrementalPeriod | undefined = incremental
    ? incrementalPeriod(
        data.IncrementalExportSpecification as Parameters<typeof incrementalPeriod>[0],
        window,
        store.timings.minIncrementalExportPeriodMs,
        tableName,
      )
    : undefined;
  const exportTimeMs = incremental ? undefined : fullExportTime(data.ExportTime as number, window, now, tableName);
  const running = transfers.exports.filter((e) => !e.finished && Date.now() < e.readyMs).length;
  if (running >= MAX_EXPORTS_IN_PROGRESS) {
    throw new AwsError(
      'LimitExceededException',
      `Up to ${MAX_EXPORTS_IN_PROGRESS} exports may be in progress at a time; wait for one to complete.`,
    );
  }

  const journal = store.journal(instance);
  const lines = period
    ? incrementalExportLines(journal, instance.key, period)
    : fullExportLines(journal, exportTimeMs as number);
  const id = transferId(now);
  const bucket = data.S3Bucket as string;
  const s3Prefix = data.S3Prefix as string | undefined;
  const bucketExists = s3.bucket(bucket) !== undefined;
  const dataFiles = bucketExists ? writeExportData(s3, bucket, exportFolder(s3Prefix, id), lines, now) : [];
  const record: ExportRecord = {
    id,
    arn: `${tableArn(ctx.region, tableName)}/export/${id}`,
    tableArn: tableArn(ctx.region, tableName),
    tableId: instance.id,
    clientToken,
    parameters,
    s3Bucket: bucket,
    ...(data.S3BucketOwner ? { s3BucketOwner: data.S3BucketOwner as string } : {}),
    ...(s3Prefix !== undefined ? { s3Prefix } : {}),
    s3SseAlgorithm: (data.S3SseAlgorithm as string | undefined) ?? 'AES256',
    ...(data.S3SseKmsKeyId ? { s3SseKmsKeyId: data.S3SseKmsKeyId as string } : {}),
    exportType: incremental ? 'INCREMENTAL_EXPORT' : 'FULL_EXPORT',
    ...(exportTimeMs !== undefined ? { exportTimeMs } : {}),
    ...(period ? { incremental: period } : {}),
    startMs: now,
    // Counted from when the data is written, so the export answers IN_PROGRESS however long writing took.
    readyMs: store.now() + store.timings.exportMs,
    itemCount: lines.length,
    // The sandbox bills the exported lines' size (AWS: the table's size, or the changed data's).
    billedSizeBytes: lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0),
    dataFiles,
    ...(bucketExists ? {} : { failure: noSuchBucket() }),
    finished: false,
  };
  transfers.addExport(record);
  transfers.at(record.readyMs, () => settleExport(s3, transfers, record));
  return { ExportDescription: exportDescription(s3, transfers, record) };
}

function conflict(clientToken: string): AwsError {
  return new AwsError(
    'ExportConflictException',
    `ClientToken '${clientToken}' was used by an earlier export with other parameters; use a new ClientToken for a different export.`,
  );
}
