import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Item } from '../aws/tableRef.js';
import { DigestAccumulator } from '../sync/tableDigest.js';
import { csvHeader, csvRow } from './csvRow.js';
import { changeAsItem, changeLine, dynamoJsonLine } from './itemLines.js';
import type { ItemChange } from './itemChange.js';
import { isLosslessKind, type ItemFileFormat, type ItemFileKind } from './itemFileFormat.js';
import type { ItemFileManifest, ItemFileManifestFields } from './itemFileManifest.js';
import { commitLineFile, LineFile } from './lineFile.js';
import { plainItem } from './plainItem.js';
import { TOOL_VERSION } from './toolVersion.js';

/** Writes records to an item file; nothing appears under the file's name before `close()`. */
export interface RecordFileWriter<T> {
  /** Appends one record; resolves when the file can take more (memory stays flat). */
  write(record: T): Promise<void>;
  /** Finishes the file, writes `FILE.manifest.json`, moves both into place; returns the manifest. */
  close(): Promise<ItemFileManifest>;
  /** Drops the temporary file; nothing is left behind. */
  abort(): Promise<void>;
}

/** Writes items in one of the item formats. */
export type ItemFileWriter = RecordFileWriter<Item>;

/**
 * Opens a streaming writer for an item file and its manifest. The file is written under a hidden temporary
 * name and renamed on `close()`; the manifest records count, content digest (equal to `digestTable` of the
 * same items) and SHA-256. The caller checks that `path` may be overwritten.
 *
 * @example
 * const writer = createItemFileWriter('audit.jsonl', 'dynamodb-json', {
 *   source: { kind: 'pitr', tableName: 'consent', restoreTime: '2025-12-01T00:00:00.000Z' },
 *   time: '2025-12-01T00:00:00.000Z',
 * });
 * for (const item of items) await writer.write(item);
 * const manifest = await writer.close();
 */
export function createItemFileWriter(
  path: string,
  format: ItemFileFormat,
  fields: ItemFileManifestFields,
): ItemFileWriter {
  if (format === 'csv') return csvWriter(path, fields);
  const line = format === 'jsonl' ? (item: Item) => JSON.stringify(plainItem(item)) : dynamoJsonLine;
  return lineWriter(path, format, fields, line, (item) => item);
}

/**
 * Opens a streaming writer for a diff file: one {@link ItemChange} per line, lossless, readable with
 * `readItemChanges`. Its manifest digest is over the change records.
 *
 * @example
 * const writer = createChangeFileWriter('orders.diff', manifestFields);
 * await writer.write(change);
 * await writer.close();
 */
export function createChangeFileWriter(path: string, fields: ItemFileManifestFields): RecordFileWriter<ItemChange> {
  return lineWriter(path, 'diff', fields, changeLine, changeAsItem);
}

function lineWriter<T>(
  path: string,
  kind: ItemFileKind,
  fields: ItemFileManifestFields,
  line: (record: T) => string,
  digestItem: (record: T) => Item,
): RecordFileWriter<T> {
  const file = new LineFile(path);
  const digest = new DigestAccumulator();
  return {
    async write(record) {
      digest.add(digestItem(record));
      await file.writeLine(line(record));
    },
    async close() {
      const sha256 = await file.finish();
      const manifest = buildManifest(path, kind, fields, digest, sha256);
      await commitLineFile(file, manifest);
      return manifest;
    },
    abort: () => file.abort(),
  };
}

/**
 * CSV needs its header (every attribute name, first-seen order) before the rows, but names are known only
 * at the end: rows go to a scratch file tagged with the column count they were written under, then the
 * header and the padded rows go to the data file.
 */
function csvWriter(path: string, fields: ItemFileManifestFields): ItemFileWriter {
  const scratch = new LineFile(`${path}.rows`);
  const columns: string[] = [];
  const known = new Set<string>();
  const digest = new DigestAccumulator();
  return {
    async write(item) {
      for (const name of Object.keys(item)) {
        if (!known.has(name)) {
          known.add(name);
          columns.push(name);
        }
      }
      digest.add(item);
      await scratch.writeLine(`${columns.length}:${JSON.stringify(csvRow(item, columns))}`);
    },
    async close() {
      await scratch.finish();
      const file = new LineFile(path);
      try {
        await file.writeLine(csvHeader(columns));
        const lines = createInterface({ input: createReadStream(scratch.tempPath), crlfDelay: Infinity });
        for await (const text of lines) {
          const colon = text.indexOf(':');
          const width = Number(text.slice(0, colon));
          const row = JSON.parse(text.slice(colon + 1)) as string;
          await file.writeLine(row + ','.repeat(columns.length - width));
        }
        const manifest = buildManifest(path, 'csv', fields, digest, await file.finish());
        await commitLineFile(file, manifest);
        return manifest;
      } catch (error) {
        await file.abort();
        throw error;
      } finally {
        await rm(scratch.tempPath, { force: true });
      }
    },
    abort: () => scratch.abort(),
  };
}

function buildManifest(
  path: string,
  kind: ItemFileKind,
  fields: ItemFileManifestFields,
  digest: DigestAccumulator,
  sha256: string,
): ItemFileManifest {
  const { count, digest: contentDigest } = digest.value();
  return {
    manifestVersion: 1,
    format: kind,
    lossless: isLosslessKind(kind),
    source: fields.source,
    time: fields.time,
    itemCount: count,
    digest: contentDigest,
    sha256,
    file: basename(path),
    toolVersion: TOOL_VERSION,
    createdAt: new Date().toISOString(),
  };
}
