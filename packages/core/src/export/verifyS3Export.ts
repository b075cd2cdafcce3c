import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { dataFileRecords, readExportFiles, type ExportSummary, type ReadManifest } from '../s3Export/exportLayout.js';
import { readLocatedSummary, resolveExportLocation, type ExportLocation } from '../s3Export/exportLocation.js';
import { openExportObject } from '../s3Export/exportObjects.js';
import { itemFromJson, type JsonItem } from '../sync/attributeJson.js';
import { digestTable } from '../sync/digestTable.js';
import { DigestAccumulator, type TableDigest } from '../sync/tableDigest.js';

/** What {@link verifyS3Export} reads with, and whether it compares with the table. */
export interface VerifyS3ExportOptions {
  readonly dynamodb: DynamoDBClient;
  /** Where the S3 client points (region, endpoint, profile). */
  readonly aws: AwsClientOptions;
  /**
   * Also compare the export's content digest with the source table's, computed now by a scan (it reads
   * capacity). Equal digests are expected only when the table was not written since the export's time.
   */
  readonly againstTable?: boolean;
}

/** One data file as found. */
export interface ExportFileCheck {
  readonly key: string;
  readonly itemCount: number;
  readonly ok: boolean;
}

/** What {@link verifyS3Export} found; each difference names the object that is wrong and how. */
export interface S3ExportVerification {
  readonly location: ExportLocation;
  readonly ok: boolean;
  readonly summary: Pick<ExportSummary, 'exportArn' | 'tableArn' | 'exportTime' | 'itemCount' | 'exportType'>;
  readonly files: readonly ExportFileCheck[];
  /** The items the data files hold; the digest only for a full export (an incremental one holds changes). */
  readonly actual: { readonly itemCount: number; readonly digest?: string };
  readonly table?: TableDigest & { readonly tableName: string; readonly equal: boolean };
  readonly differences: readonly string[];
}

/**
 * Checks an export in S3 against its manifests, as AWS documents them: each manifest's MD5 against its
 * `.checksum`; each data file's MD5 (base64) against `md5Checksum`, its S3 ETag against `etag`, its lines
 * against `itemCount`; the files' total against the summary's `itemCount`. With `againstTable`, the digest
 * of the exported items against the source table's (the digest the restore's verification uses).
 * `exportRef` names the export: its ARN or an `s3://` URI of its folder or summary manifest.
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html)
 *
 * @throws InputError when `exportRef` names no completed export.
 * @example
 * const { ok, differences } = await verifyS3Export('s3://audits/AWSDynamoDB/01700000000000-abcd1234/', { dynamodb, aws });
 */
export async function verifyS3Export(
  exportRef: string,
  options: VerifyS3ExportOptions,
  field = 'export',
): Promise<S3ExportVerification> {
  const s3 = createAwsClient(S3Client, options.aws);
  try {
    return await verifyWith(s3, exportRef, options, field);
  } finally {
    s3.destroy();
  }
}

async function verifyWith(
  s3: S3Client,
  exportRef: string,
  options: VerifyS3ExportOptions,
  field: string,
): Promise<S3ExportVerification> {
  const location = await resolveExportLocation(options.dynamodb, field, exportRef);
  const summary = await readLocatedSummary(s3, location, field, exportRef);
  const differences: string[] = [];
  checkManifest(summary, location.summaryKey, differences);
  const manifestFiles = await readExportFiles(s3, location.bucket, summary.content);
  checkManifest(manifestFiles, summary.content.manifestFilesS3Key, differences);
  const full = summary.content.exportType !== 'INCREMENTAL_EXPORT';
  const digest = new DigestAccumulator();
  const files: ExportFileCheck[] = [];
  let itemCount = 0;
  for (const entry of manifestFiles.content) {
    const problems = await checkDataFile(s3, location.bucket, entry, full ? digest : undefined);
    differences.push(...problems.differences.map((d) => `${entry.dataFileS3Key}: ${d}`));
    files.push({ key: entry.dataFileS3Key, itemCount: problems.itemCount, ok: problems.differences.length === 0 });
    itemCount += problems.itemCount;
  }
  const listed = manifestFiles.content.reduce((sum, f) => sum + f.itemCount, 0);
  if (listed !== summary.content.itemCount) {
    differences.push(
      `${summary.content.manifestFilesS3Key}: its files hold ${listed} item(s), manifest-summary.json says ${summary.content.itemCount}`,
    );
  }
  const actual = { itemCount, ...(full && { digest: digest.value().digest }) };
  const table = options.againstTable && full ? await tableDigest(options, summary.content, actual) : undefined;
  if (table && !table.equal) {
    differences.push(
      `the table ${table.tableName} holds ${table.count} item(s) with digest ${table.digest} now; the export holds ${itemCount} with digest ${actual.digest} (expected equal only if the table was not written since ${summary.content.exportTime})`,
    );
  }
  const { exportArn, tableArn, exportTime, exportType } = summary.content;
  return {
    location,
    ok: differences.length === 0,
    summary: { exportArn, tableArn, exportTime, itemCount: summary.content.itemCount, exportType },
    files,
    actual,
    ...(table && { table }),
    differences,
  };
}

/** A manifest against its `.checksum` object (the manifest's MD5, hex). */
function checkManifest(manifest: ReadManifest<unknown>, key: string, differences: string[]): void {
  const md5 = createHash('md5').update(manifest.bytes).digest('hex');
  if (manifest.checksum === undefined) differences.push(`${key}: its .checksum object is missing`);
  else if (manifest.checksum !== md5)
    differences.push(`${key}: MD5 is ${md5}, its .checksum says ${manifest.checksum}`);
}

async function checkDataFile(
  s3: S3Client,
  bucket: string,
  entry: { dataFileS3Key: string; itemCount: number; md5Checksum: string; etag: string },
  digest: DigestAccumulator | undefined,
): Promise<{ itemCount: number; differences: string[] }> {
  const differences: string[] = [];
  let object;
  try {
    object = await openExportObject(s3, bucket, entry.dataFileS3Key);
  } catch (error) {
    if ((error as Error).name !== 'NoSuchKey') throw error;
    return { itemCount: 0, differences: ['is missing'] };
  }
  const hash = createHash('md5');
  let itemCount = 0;
  try {
    for await (const record of dataFileRecords(object.body, (chunk) => hash.update(chunk))) {
      itemCount += 1;
      const item = (record as { Item?: JsonItem }).Item;
      if (digest && item) digest.add(itemFromJson(item));
    }
  } catch (error) {
    differences.push(`cannot be read as gzipped JSON lines (${(error as Error).message})`);
    return { itemCount, differences };
  }
  const md5 = hash.digest('base64');
  if (md5 !== entry.md5Checksum) differences.push(`MD5 is ${md5}, manifest-files.json says ${entry.md5Checksum}`);
  if (object.etag !== undefined && object.etag !== entry.etag) {
    differences.push(`ETag is ${object.etag}, manifest-files.json says ${entry.etag}`);
  }
  if (itemCount !== entry.itemCount) {
    differences.push(`holds ${itemCount} item(s), manifest-files.json says ${entry.itemCount}`);
  }
  return { itemCount, differences };
}

async function tableDigest(
  options: VerifyS3ExportOptions,
  summary: ExportSummary,
  actual: { itemCount: number; digest?: string },
): Promise<TableDigest & { tableName: string; equal: boolean }> {
  const tableName = summary.tableArn.split('/')[1]!;
  const live = await digestTable({ client: options.dynamodb, tableName });
  return { tableName, ...live, equal: live.count === actual.itemCount && live.digest === actual.digest };
}
