import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DigestAccumulator } from '../sync/tableDigest.js';
import { CsvRecordCounter } from './csvRow.js';
import { isLosslessKind } from './itemFileFormat.js';
import { readItemFileManifest, type ItemFileManifest } from './itemFileManifest.js';
import { changeAsItem } from './itemLines.js';
import { assertReadableFile } from '../validation/localPaths.js';
import { readItemChanges, readItemFile } from './readItemFile.js';

/** What `verifyItemFile` found: the manifest, what the file holds now, and each difference in words. */
export interface ItemFileVerification {
  readonly file: string;
  readonly ok: boolean;
  readonly manifest: ItemFileManifest;
  readonly actual: {
    readonly itemCount: number;
    /** Null for lossy formats: their types are gone, so the content digest cannot be recomputed. */
    readonly digest: string | null;
    readonly sha256: string;
  };
  readonly differences: readonly string[];
}

/**
 * Recomputes an item file's SHA-256, record count and (for lossless formats) content digest, and compares
 * them with its manifest. A file that was edited, truncated or swapped shows at least one difference.
 *
 * @throws InputError when `file` is not a file; DrError when its manifest is missing or unreadable.
 * @example
 * const { ok, differences } = await verifyItemFile('consent-audit.jsonl');
 */
export async function verifyItemFile(file: string): Promise<ItemFileVerification> {
  await assertReadableFile('FILE', file);
  const manifest = await readItemFileManifest(file);
  const { sha256, records } = await hashFile(file, manifest.format === 'csv');
  let itemCount = records;
  let digest: string | null = null;
  const differences: string[] = [];
  if (isLosslessKind(manifest.format)) {
    try {
      const content = await contentDigest(file, manifest.format === 'diff');
      itemCount = content.count;
      digest = content.digest;
    } catch (error) {
      differences.push(`content cannot be read: ${(error as Error).message}`);
    }
  } else if (manifest.format === 'csv') {
    itemCount = Math.max(0, records - 1); // the header
  }
  if (sha256 !== manifest.sha256) differences.push(`SHA-256 is ${sha256}, manifest says ${manifest.sha256}`);
  if (itemCount !== manifest.itemCount) {
    differences.push(`item count is ${itemCount}, manifest says ${manifest.itemCount}`);
  }
  if (digest !== null && digest !== manifest.digest) {
    differences.push(`content digest is ${digest}, manifest says ${manifest.digest}`);
  }
  return { file, ok: differences.length === 0, manifest, actual: { itemCount, digest, sha256 }, differences };
}

async function hashFile(file: string, csv: boolean): Promise<{ sha256: string; records: number }> {
  const hash = createHash('sha256');
  const csvCounter = new CsvRecordCounter();
  let lines = 0;
  let endsWithNewline = true;
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (csv) csvCounter.push(bytes.toString('utf8'));
    for (const byte of bytes) if (byte === 10) lines += 1;
    if (bytes.length > 0) endsWithNewline = bytes[bytes.length - 1] === 10;
  }
  return { sha256: hash.digest('hex'), records: csv ? csvCounter.total() : lines + (endsWithNewline ? 0 : 1) };
}

async function contentDigest(file: string, diff: boolean): Promise<{ count: number; digest: string }> {
  const digest = new DigestAccumulator();
  if (diff) for await (const change of readItemChanges(file, 'FILE')) digest.add(changeAsItem(change));
  else for await (const item of readItemFile(file, 'FILE')) digest.add(item);
  return digest.value();
}
