import { gunzipSync } from 'node:zlib';
import type { S3Store } from '../../s3/s3Store.js';
import { itemKey, type KeyNames } from '../store/tableInstance.js';

/** What reading an import's source found. */
export interface ImportSource {
  /** key → item JSON; a later line of the same key replaces an earlier one. */
  readonly items: Map<string, string>;
  readonly processedItemCount: number;
  readonly errorCount: number;
  readonly processedSizeBytes: number;
}

/**
 * Reads every object under the import's key prefix as DynamoDB JSON lines
 * (`{"Item":{…}}`, the lines a full export writes), gunzipped when the input
 * is GZIP. A line that is not such an item, or lacks the key attributes with
 * their declared types, counts as an error and is skipped, as ImportTable
 * does (AWS logs it to CloudWatch; the sandbox only counts it).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataImport.Format.html
 */
export function readImportSource(
  s3: S3Store,
  source: { readonly bucket: string; readonly prefix: string; readonly gzip: boolean },
  key: KeyNames,
  keyTypes: Readonly<Record<string, string>>,
): ImportSource {
  const items = new Map<string, string>();
  let processed = 0;
  let errors = 0;
  let bytes = 0;
  for (const object of s3.objects(source.bucket)) {
    if (!object.key.startsWith(source.prefix)) continue;
    const body = s3.body(source.bucket, object.key) as Buffer;
    bytes += body.length;
    let text: string;
    try {
      text = (source.gzip ? gunzipSync(body) : body).toString('utf8');
    } catch {
      errors += 1;
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      processed += 1;
      const item = parseItem(line);
      const id = item && hasKeyTypes(item, key, keyTypes) ? itemKey(key, item) : undefined;
      if (!item || id === undefined) errors += 1;
      else items.set(id, JSON.stringify(item));
    }
  }
  return { items, processedItemCount: processed, errorCount: errors, processedSizeBytes: bytes };
}

function parseItem(line: string): Record<string, unknown> | undefined {
  try {
    const item = (JSON.parse(line) as { Item?: unknown }).Item;
    return item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function hasKeyTypes(
  item: Record<string, unknown>,
  key: KeyNames,
  keyTypes: Readonly<Record<string, string>>,
): boolean {
  return [key.hash, key.range].every((name) => {
    if (name === undefined) return true;
    const value = item[name] as Record<string, unknown> | undefined;
    const type = keyTypes[name];
    return type !== undefined && value !== undefined && typeof value === 'object' && type in value;
  });
}
