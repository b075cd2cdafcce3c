import { readFile, stat } from 'node:fs/promises';
import { DrError, InputError } from '../errors.js';
import { anotherPath, assertWritableFile, type ReplaceOptions } from '../validation/localPaths.js';
import { schemaCheck } from '../validation/schemaCheck.js';
import type { ItemFileKind } from './itemFileFormat.js';

/**
 * Where a file's items came from. `time` fields are UTC ISO 8601 instants.
 * - `table`: read straight from a live table (`at: 'now'`: the content is whatever the scan saw, not a
 *   point-in-time snapshot).
 * - `pitr`: a point-in-time restore of `tableName` at `restoreTime`.
 * - `backup`: an on-demand backup.
 * - `diff`: the difference between two sources, each described as text (table name, backup ARN, ...).
 */
export type ItemFileSource =
  | { readonly kind: 'table'; readonly tableName: string; readonly tableArn?: string; readonly at: 'now' }
  | { readonly kind: 'pitr'; readonly tableName: string; readonly tableArn?: string; readonly restoreTime: string }
  | {
      readonly kind: 'backup';
      readonly backupArn: string;
      readonly tableName?: string;
      readonly backupCreatedAt?: string;
    }
  | { readonly kind: 'diff'; readonly left: string; readonly right: string; readonly incidentId?: string };

/** What the caller of `createItemFileWriter` says about a file; the writer adds the rest. */
export interface ItemFileManifestFields {
  readonly source: ItemFileSource;
  /** The instant the content represents (UTC ISO 8601): the restore time, backup time, or when the scan began. */
  readonly time: string;
}

/**
 * `FILE.manifest.json`, written next to every item file. `digest` is the sync engine's content digest of the
 * items (for a `dynamodb-json` export of a table at T it equals `digestTable` of the table at T); for a
 * `diff` file, the digest of its change records. `sha256` is of the file's bytes.
 */
export interface ItemFileManifest extends ItemFileManifestFields {
  readonly manifestVersion: 1;
  readonly format: ItemFileKind;
  /** False for jsonl/csv: types are lost, the file cannot be restored and its digest cannot be recomputed. */
  readonly lossless: boolean;
  /** Items (or, for a diff, change records) in the file. */
  readonly itemCount: number;
  readonly digest: string;
  readonly sha256: string;
  /** The data file's name, without directory (the manifest sits beside it). */
  readonly file: string;
  readonly toolVersion: string;
  readonly createdAt: string;
}

const text = { type: 'string', minLength: 1 } as const;

/**
 * JSON Schema of a manifest, version 1: what a reader relies on (format, counts, digests, source) is checked;
 * fields a later version adds are let through, so an older reader still reads what it knows.
 */
export const itemFileManifestSchema = {
  type: 'object',
  required: ['manifestVersion', 'format', 'lossless', 'itemCount', 'digest', 'sha256', 'file', 'source', 'time'],
  properties: {
    manifestVersion: { const: 1 },
    format: { enum: ['dynamodb-json', 'jsonl', 'csv', 'diff'] },
    lossless: { type: 'boolean' },
    itemCount: { type: 'integer', minimum: 0 },
    digest: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    file: text,
    time: text,
    toolVersion: { type: 'string' },
    createdAt: { type: 'string' },
    source: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { enum: ['table', 'pitr', 'backup', 'diff'] } },
    },
  },
} as const;

const checkManifest = schemaCheck<ItemFileManifest>(itemFileManifestSchema);

/** The manifest path of an item file. */
export function manifestPath(file: string): string {
  return `${file}.manifest.json`;
}

/**
 * Returns `file` when an item file and its manifest may be written there (`field` names the option): neither
 * exists unless `options.replace`, and their directory exists and is writable. Writes nothing.
 *
 * @example
 * await assertItemFileTarget('--out', 'lost-writes.jsonl', { replace: false });
 */
export async function assertItemFileTarget(field: string, file: unknown, options: ReplaceOptions): Promise<string> {
  const target = await assertWritableFile(field, file, options);
  const manifest = await stat(manifestPath(target)).catch(() => undefined);
  if (manifest?.isDirectory() || (manifest && !options.replace)) {
    throw new InputError(
      field,
      target,
      `cannot be written: its manifest ${manifestPath(target)} ${manifest.isDirectory() ? 'is a directory' : 'already exists'}`,
      manifest.isDirectory() ? 'Move that directory away.' : anotherPath(options),
    );
  }
  return target;
}

/**
 * Reads the manifest beside `file`.
 *
 * @throws DrError when it is missing or not a dynamo-dr manifest.
 *
 * @example
 * const { digest, itemCount } = await readItemFileManifest('orders.jsonl');
 */
export async function readItemFileManifest(file: string): Promise<ItemFileManifest> {
  const path = manifestPath(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DrError(`No manifest for ${file}: ${path} cannot be read (${(error as Error).message}).`, {
      hint: 'An item file is complete only with its manifest; export again, or pass the data file itself (not the manifest).',
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DrError(`${path} is not a dynamo-dr item file manifest: it is not JSON (${(error as Error).message}).`, {
      hint: 'Pass the data file that dynamo-dr export or diff wrote; its manifest is FILE.manifest.json.',
    });
  }
  const checked = checkManifest(document);
  if (!checked.ok) {
    const { path: field, value, problem } = checked.problem;
    throw new DrError(
      `${path} is not a dynamo-dr item file manifest: ${field.join('.') || 'it'}${value === undefined ? '' : ` ${JSON.stringify(value)}`} ${problem}.`,
      { hint: 'Pass the data file that dynamo-dr export or diff wrote; its manifest is FILE.manifest.json.' },
    );
  }
  return checked.value;
}
