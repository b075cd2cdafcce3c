import type { RunRecordOf, TableRunBase } from '../runs/runRecord.js';
import type { TableRunKey } from '../runs/tableRun.js';

/** The serialisable plan of `export --via s3`: a full export by ExportTableToPointInTime; `--dry-run` prints it. */
export interface S3ExportPlan {
  readonly via: 's3';
  /** The run's journal key, `export-<incident>` (the same id resumes: the recorded export is attached to). */
  readonly incidentId: string;
  readonly tableName: string;
  readonly tableArn: string;
  /** The point in time exported (UTC): `--at`, or the latest restorable time when the plan was made. */
  readonly exportTime: string;
  /** The window the time was checked against (UTC, ISO 8601). */
  readonly restorableWindow: { readonly earliest: string; readonly latest: string };
  readonly bucket: string;
  readonly prefix?: string;
  /** DescribeTable's ItemCount (AWS refreshes it about every six hours). */
  readonly estimatedItems: number;
  /** ExportTableToPointInTime's ClientToken: made of the incident, table, time and destination. */
  readonly clientToken: string;
}

/** An S3 export's part of its run. */
export interface S3ExportTableRun extends TableRunBase<S3ExportPlan> {
  readonly exportArn?: string;
  /** The summary manifest's key, once COMPLETED. */
  readonly manifestKey?: string;
  /** DescribeExport's ItemCount, once COMPLETED. */
  readonly exported?: number;
  readonly billedSizeBytes?: number;
}

/** The journal record of `dynamo-dr export --via s3`, as `export-<incident>`. */
export type S3ExportRun = RunRecordOf<'export', S3ExportTableRun>;

/** Where an S3 export is recorded. */
export function s3ExportRunKey(plan: Pick<S3ExportPlan, 'incidentId' | 'tableName'>): TableRunKey<'export'> {
  return { kind: 'export', incidentId: plan.incidentId, tableName: plan.tableName };
}
