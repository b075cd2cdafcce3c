import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { InputError } from '../errors.js';
import { readExportSummary, type ExportSummary, type ReadManifest } from './exportLayout.js';
import { assertExportTarget } from './exportTarget.js';
import { describeExport } from './s3ExportCalls.js';

/** Where a completed export's summary manifest is. */
export interface ExportLocation {
  readonly bucket: string;
  /** `[prefix/]AWSDynamoDB/<ExportId>/manifest-summary.json`. */
  readonly summaryKey: string;
  /** When the export was named by its ARN. */
  readonly exportArn?: string;
}

/** Export ARNs: `arn:PARTITION:dynamodb:REGION:ACCOUNT:table/TABLE/export/ID` (API_ExportDescription). */
const EXPORT_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}\/export\/[a-zA-Z0-9-]+$/;
const EXPORT_FOLDER = /(^|\/)AWSDynamoDB\/[a-zA-Z0-9-]+\/?$/;
const SUMMARY = 'manifest-summary.json';
const hint =
  'Give the export ARN that aws dynamodb list-exports prints, or s3://BUCKET/PREFIX/AWSDynamoDB/EXPORT_ID/ (its manifest-summary.json).';

/**
 * Resolves what the user named an export by: an export ARN (DescribeExport: it must be COMPLETED), an
 * `s3://` URI of its summary manifest, or of its folder (`s3://B/P/AWSDynamoDB/ID/`). Every refusal is an
 * {@link InputError} naming `field`.
 *
 * @example
 * await resolveExportLocation(ddb, 'fromExport', 's3://audits/orders/AWSDynamoDB/01700000000000-abcd1234/');
 * // { bucket: 'audits', summaryKey: 'orders/AWSDynamoDB/01700000000000-abcd1234/manifest-summary.json' }
 */
export async function resolveExportLocation(
  client: DynamoDBClient,
  field: string,
  value: string,
): Promise<ExportLocation> {
  if (value.startsWith('arn:')) {
    if (!EXPORT_ARN.test(value) || value.length > 1024) {
      throw new InputError(field, value, 'is not an export ARN', hint);
    }
    const state = await describeExport(client, value).catch((error: Error) => {
      if (error.name === 'ExportNotFoundException') throw new InputError(field, value, 'is not an export here', hint);
      throw error;
    });
    if (state.status !== 'COMPLETED') {
      throw new InputError(
        field,
        value,
        `is ${state.status}${state.failure ? ` (${state.failure})` : ''}, not COMPLETED`,
        'Wait for the export to complete (dynamo-dr export --via s3 with the same incident waits for it), or name a completed one.',
      );
    }
    return { bucket: state.bucket, summaryKey: state.manifestKey!, exportArn: value };
  }
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(value);
  if (!match) throw new InputError(field, value, 'is neither an export ARN nor an s3:// URI', hint);
  const [, bucket, path] = match as unknown as [string, string, string];
  assertExportTarget(bucket, path, { bucket: field, prefix: field });
  if (path.endsWith(`/${SUMMARY}`) && EXPORT_FOLDER.test(path.slice(0, -SUMMARY.length))) {
    return { bucket, summaryKey: path };
  }
  if (EXPORT_FOLDER.test(path)) return { bucket, summaryKey: `${path.replace(/\/?$/, '/')}${SUMMARY}` };
  throw new InputError(field, value, "does not name an export's folder or its manifest-summary.json", hint);
}

/** The located export's summary manifest; a missing one is an {@link InputError} naming `field`. */
export async function readLocatedSummary(
  s3: S3Client,
  location: ExportLocation,
  field: string,
  value: string,
): Promise<ReadManifest<ExportSummary>> {
  try {
    return await readExportSummary(s3, location.bucket, location.summaryKey);
  } catch (error) {
    if (!['NoSuchKey', 'NoSuchBucket'].includes((error as Error).name)) throw error;
    throw new InputError(
      field,
      value,
      `has no summary manifest at s3://${location.bucket}/${location.summaryKey} (${(error as Error).name})`,
      hint,
    );
  }
}
