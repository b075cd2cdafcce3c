import { AwsError, validationError } from '../../awsError.js';
import type { RestorableWindow } from '../restorableWindow.js';
import type { IncrementalPeriod } from './transferStore.js';

/** S3's bucket pattern as DynamoDB checks it (S3Bucket in the API reference). */
export const S3_BUCKET = {
  type: 'String',
  notNull: true,
  lengthLessThanOrEqual: 255,
  regex: '[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+',
} as const;
export const S3_BUCKET_OWNER = { type: 'String', regex: '[0-9]{12}' } as const;
export const S3_PREFIX = { type: 'String', lengthLessThanOrEqual: 1024 } as const;
export const CLIENT_TOKEN = { type: 'String', regex: '[^\\$]+' } as const;
export const TABLE_ARN = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 1024 } as const;

/** ExportTableToPointInTime's fields (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExportTableToPointInTime.html). */
export const EXPORT_RULES = {
  TableArn: { ...TABLE_ARN, notNull: true },
  ExportTime: { type: 'Double' },
  ClientToken: CLIENT_TOKEN,
  S3Bucket: S3_BUCKET,
  S3BucketOwner: S3_BUCKET_OWNER,
  S3Prefix: S3_PREFIX,
  S3SseAlgorithm: { type: 'String', enum: ['AES256', 'KMS'] },
  S3SseKmsKeyId: { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048 },
  ExportFormat: { type: 'String', enum: ['DYNAMODB_JSON', 'ION'] },
  ExportType: { type: 'String', enum: ['FULL_EXPORT', 'INCREMENTAL_EXPORT'] },
  IncrementalExportSpecification: {
    type: 'FieldStruct<IncrementalExportSpecification>',
    children: {
      ExportFromTime: { type: 'Double' },
      ExportToTime: { type: 'Double' },
      ExportViewType: { type: 'String', enum: ['NEW_IMAGE', 'NEW_AND_OLD_IMAGES'] },
    },
  },
};

/** Which parameters go with which export type (ExportType: "If INCREMENTAL_EXPORT is provided, the IncrementalExportSpecification must also be used"). */
export function checkExportChoices(data: Record<string, unknown>): string | undefined {
  const incremental = data.ExportType === 'INCREMENTAL_EXPORT';
  const spec = data.IncrementalExportSpecification as { ExportFromTime?: number } | undefined;
  if (incremental && !spec) return 'IncrementalExportSpecification must be provided for an INCREMENTAL_EXPORT.';
  if (incremental && spec?.ExportFromTime === undefined)
    return 'IncrementalExportSpecification.ExportFromTime must be provided for an INCREMENTAL_EXPORT.';
  if (incremental && data.ExportTime !== undefined)
    return 'ExportTime applies to a FULL_EXPORT only; an INCREMENTAL_EXPORT takes IncrementalExportSpecification.';
  if (!incremental && spec) return 'IncrementalExportSpecification applies to an INCREMENTAL_EXPORT only.';
  if (data.ExportFormat === 'ION')
    return 'The dynamo-dr sandbox does not emulate ION exports: use ExportFormat DYNAMODB_JSON.';
  return undefined;
}

/** AWS's longest incremental export period. */
const MAX_PERIOD_MS = 24 * 60 * 60 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();

function outsideWindow(field: string, ms: number, window: RestorableWindow, table: string): AwsError {
  return new AwsError(
    'InvalidExportTimeException',
    `${field} ${iso(ms)} is outside the point in time recovery window of table '${table}': it must be between EarliestRestorableDateTime ${iso(window.earliestMs)} and LatestRestorableDateTime ${iso(window.latestMs)}.`,
  );
}

/** A full export's point in time: ExportTime (inside the window), or now. */
export function fullExportTime(
  exportTime: number | undefined,
  window: RestorableWindow,
  nowMs: number,
  table: string,
): number {
  if (exportTime === undefined) return nowMs;
  const ms = Math.round(exportTime * 1000);
  if (ms < window.earliestMs || ms > window.latestMs) throw outsideWindow('ExportTime', ms, window, table);
  return ms;
}

/**
 * An incremental export's period: from ExportFromTime to ExportToTime (by
 * default the latest restorable time), both inside the window, at least the
 * configured minimum (AWS: 15 minutes) and at most 24 hours long.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html
 */
export function incrementalPeriod(
  spec: { ExportFromTime: number; ExportToTime?: number; ExportViewType?: IncrementalPeriod['viewType'] },
  window: RestorableWindow,
  minPeriodMs: number,
  table: string,
): IncrementalPeriod {
  const fromMs = Math.round(spec.ExportFromTime * 1000);
  const toMs = spec.ExportToTime === undefined ? window.latestMs : Math.round(spec.ExportToTime * 1000);
  if (fromMs < window.earliestMs || fromMs > window.latestMs)
    throw outsideWindow('ExportFromTime', fromMs, window, table);
  if (toMs < window.earliestMs || toMs > window.latestMs) throw outsideWindow('ExportToTime', toMs, window, table);
  const period = toMs - fromMs;
  if (period < minPeriodMs || period > MAX_PERIOD_MS) {
    throw validationError(
      `The incremental export period from ${iso(fromMs)} to ${iso(toMs)} lasts ${period} ms; it must last at least ${minPeriodMs} ms (${minPeriodMs / 60_000} minutes) and at most 24 hours.`,
    );
  }
  return { fromMs, toMs, viewType: spec.ExportViewType ?? 'NEW_AND_OLD_IMAGES' };
}
