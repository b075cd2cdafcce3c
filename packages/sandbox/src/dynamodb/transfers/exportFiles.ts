import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { S3Store } from '../../s3/s3Store.js';
import type { ExportDataFile, ExportRecord } from './transferStore.js';

/** Lines per data file (AWS writes at least one file per partition; the sandbox splits by count). */
const LINES_PER_FILE = 10_000;

/** Where an export's objects go: `[S3Prefix/]AWSDynamoDB/ExportId/`. */
export function exportFolder(s3Prefix: string | undefined, exportId: string): string {
  const prefix = s3Prefix === undefined || s3Prefix === '' ? '' : s3Prefix.endsWith('/') ? s3Prefix : `${s3Prefix}/`;
  return `${prefix}AWSDynamoDB/${exportId}/`;
}

/** The key of the summary manifest (ExportDescription's ExportManifest). */
export const summaryManifestKey = (record: ExportRecord): string =>
  `${exportFolder(record.s3Prefix, record.id)}manifest-summary.json`;

/**
 * Writes what an export writes when it starts: the empty `_started` object
 * (it proves the bucket writable) and the gzipped JSON-lines data files
 * under `data/`, at least one (empty when there are no lines). Returns the
 * files as the files manifest will list them.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html
 */
export function writeExportData(
  s3: S3Store,
  bucket: string,
  folder: string,
  lines: readonly string[],
  nowMs: number,
): ExportDataFile[] {
  s3.put(bucket, `${folder}_started`, Buffer.alloc(0), { contentType: 'binary/octet-stream', userMetadata: {} }, nowMs);
  const files: ExportDataFile[] = [];
  for (let start = 0; start === 0 || start < lines.length; start += LINES_PER_FILE) {
    const chunk = lines.slice(start, start + LINES_PER_FILE);
    const body = gzipSync(chunk.length ? `${chunk.join('\n')}\n` : '');
    const key = `${folder}data/${randomName()}.json.gz`;
    const record = s3.put(bucket, key, body, { contentType: 'application/x-gzip', userMetadata: {} }, nowMs);
    files.push({
      key,
      itemCount: chunk.length,
      md5Checksum: createHash('md5').update(body).digest('base64'),
      etag: record.md5,
    });
  }
  return files;
}

/**
 * Writes the manifests an export writes when it completes: the files
 * manifest (JSON lines: itemCount, md5Checksum, etag, dataFileS3Key), the
 * summary manifest, and a `.checksum` object beside each (the MD5 of the
 * manifest in hex).
 */
export function writeExportManifests(s3: S3Store, record: ExportRecord, endMs: number): void {
  const folder = exportFolder(record.s3Prefix, record.id);
  const files = record.dataFiles
    .map((f) =>
      JSON.stringify({ itemCount: f.itemCount, md5Checksum: f.md5Checksum, etag: f.etag, dataFileS3Key: f.key }),
    )
    .join('\n');
  const incremental = record.incremental;
  const iso = (ms: number) => new Date(ms).toISOString();
  const summary = JSON.stringify({
    version: incremental ? '2023-08-01' : '2020-06-30',
    exportArn: record.arn,
    startTime: iso(record.startMs),
    endTime: iso(endMs),
    tableArn: record.tableArn,
    tableId: record.tableId,
    ...(incremental
      ? { exportFromTime: iso(incremental.fromMs), exportToTime: iso(incremental.toMs) }
      : { exportTime: iso(record.exportTimeMs as number) }),
    s3Bucket: record.s3Bucket,
    s3Prefix: record.s3Prefix ?? null,
    s3SseAlgorithm: record.s3SseAlgorithm,
    s3SseKmsKeyId: record.s3SseKmsKeyId ?? null,
    manifestFilesS3Key: `${folder}manifest-files.json`,
    billedSizeBytes: record.billedSizeBytes,
    itemCount: record.itemCount,
    outputFormat: 'DYNAMODB_JSON',
    ...(incremental ? { outputView: incremental.viewType } : {}),
    exportType: record.exportType,
  });
  for (const [name, text] of [
    ['manifest-files', files ? `${files}\n` : ''],
    ['manifest-summary', summary],
  ] as const) {
    const json = { contentType: 'application/json', userMetadata: {} };
    s3.put(record.s3Bucket, `${folder}${name}.json`, Buffer.from(text), json, endMs);
    const md5 = createHash('md5').update(text).digest('hex');
    s3.put(record.s3Bucket, `${folder}${name}.checksum`, Buffer.from(md5), json, endMs);
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A data file's name: 26 random base32 characters, like AWS's. */
function randomName(): string {
  return [...randomBytes(26)].map((b) => ALPHABET[b % 32]).join('');
}
