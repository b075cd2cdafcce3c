import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { openExportObject, readExportObject } from './exportObjects.js';

/*
 * AWS's layout of an export to S3, read back: `[prefix/]AWSDynamoDB/<ExportId>/manifest-summary.json` names
 * `manifest-files.json`, whose JSON lines name the gzipped JSON-lines data files under `data/`; each manifest
 * has a `.checksum` object beside it (the manifest's MD5, hex)
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html).
 */

/** The fields of `manifest-summary.json` dynamo-dr reads (full and incremental exports). */
export interface ExportSummary {
  readonly version: string;
  readonly exportArn: string;
  readonly tableArn: string;
  /** A full export's point in time. */
  readonly exportTime?: string;
  /** An incremental export's period. */
  readonly exportFromTime?: string;
  readonly exportToTime?: string;
  readonly s3Bucket: string;
  readonly s3Prefix: string | null;
  readonly manifestFilesS3Key: string;
  readonly itemCount: number;
  readonly outputFormat: string;
  readonly exportType?: string;
}

/** One line of `manifest-files.json`: a data file, its item count and checksums. */
export interface ExportFileEntry {
  readonly itemCount: number;
  /** The data file's MD5, base64. */
  readonly md5Checksum: string;
  /** The data file's S3 ETag when written. */
  readonly etag: string;
  readonly dataFileS3Key: string;
}

/** A manifest as read: its parsed content, its bytes, and the MD5 its `.checksum` object records. */
export interface ReadManifest<T> {
  readonly content: T;
  readonly bytes: Uint8Array;
  /** The `.checksum` object's text, or undefined when it is missing. */
  readonly checksum?: string;
}

/** The key of a manifest's checksum object: `manifest-summary.json` → `manifest-summary.checksum`. */
export const checksumKey = (manifestKey: string): string => manifestKey.replace(/\.json$/, '.checksum');

/** Reads `manifest-summary.json` (and its checksum). */
export async function readExportSummary(
  s3: S3Client,
  bucket: string,
  summaryKey: string,
): Promise<ReadManifest<ExportSummary>> {
  const bytes = await readExportObject(s3, bucket, summaryKey);
  return {
    content: JSON.parse(text(bytes)) as ExportSummary,
    bytes,
    ...(await checksumOf(s3, bucket, summaryKey)),
  };
}

/** Reads `manifest-files.json` (and its checksum): one entry per data file. */
export async function readExportFiles(
  s3: S3Client,
  bucket: string,
  summary: ExportSummary,
): Promise<ReadManifest<ExportFileEntry[]>> {
  const bytes = await readExportObject(s3, bucket, summary.manifestFilesS3Key);
  return {
    content: jsonLines(text(bytes)) as ExportFileEntry[],
    bytes,
    ...(await checksumOf(s3, bucket, summary.manifestFilesS3Key)),
  };
}

/**
 * The records of one data file (gzipped JSON lines), streamed: a full export's `{"Item": ...}`, an
 * incremental export's `{"Keys": ..., "OldImage": ..., "NewImage": ...}`. `onChunk` sees the file's bytes as
 * they arrive (to checksum them).
 */
export async function* dataFileRecords(
  gzipped: AsyncIterable<Uint8Array>,
  onChunk?: (chunk: Uint8Array) => void,
): AsyncGenerator<unknown> {
  async function* seen(): AsyncGenerator<Uint8Array> {
    for await (const chunk of gzipped) {
      onChunk?.(chunk);
      yield chunk;
    }
  }
  // pipeline destroys the gunzip stream with any error upstream, so the loop below throws it.
  const text = pipeline(Readable.from(seen()), createGunzip(), () => undefined);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of text as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as unknown;
  }
  rest += decoder.end();
  if (rest.trim() !== '') yield JSON.parse(rest) as unknown;
}

/**
 * Every record of a completed export (of the data files whose index in the files manifest `readsFile` accepts), in
 * pages of at most `pageSize`: what a revert and a restore from an export read.
 */
export async function* exportDataRecords(
  s3: S3Client,
  bucket: string,
  summaryKey: string,
  pageSize = 100,
  readsFile: (index: number) => boolean = () => true,
): AsyncGenerator<unknown[]> {
  const summary = await readExportSummary(s3, bucket, summaryKey);
  const files = await readExportFiles(s3, bucket, summary.content);
  for (const [index, file] of files.content.entries()) {
    if (!readsFile(index)) continue;
    let page: unknown[] = [];
    for await (const record of dataFileRecords((await openExportObject(s3, bucket, file.dataFileS3Key)).body)) {
      page.push(record);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
}

async function checksumOf(s3: S3Client, bucket: string, manifestKey: string): Promise<{ checksum?: string }> {
  try {
    return { checksum: text(await readExportObject(s3, bucket, checksumKey(manifestKey))).trim() };
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return {};
    throw error;
  }
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function jsonLines(content: string): unknown[] {
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
