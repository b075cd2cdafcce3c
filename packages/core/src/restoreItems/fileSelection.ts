import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { KeySchema } from '../aws/describeTableShape.js';
import type { Item } from '../aws/tableRef.js';
import { InputError } from '../errors.js';
import { manifestPath, readItemFileManifest } from '../itemFile/itemFileManifest.js';
import { readItemChanges, readItemFile } from '../itemFile/readItemFile.js';
import { isItemJson, itemFromJson, itemJsonProblem, type JsonItem } from '../sync/attributeJson.js';
import { assertReadableFile } from '../validation/localPaths.js';
import type { WantedItem } from './reconcileItems.js';
import { describeSchemaProblem } from '../validation/schemaCheck.js';

/**
 * What `--from-file` reads:
 * - `dynamodb-json`: an `export` file (or a data file of AWS's export to S3): each item is written;
 * - `diff`: a `diff` file: each change's `left` version (what a rollback threw away) is written, and with
 *   `--delete-missing` keys whose `left` is null are deleted;
 * - `aws-scan`: what `aws dynamodb scan ... > file.json` prints (`{"Items": [...], "Count": ...}`).
 */
export type ItemSourceFormat = 'dynamodb-json' | 'diff' | 'aws-scan';

const PAGE = 100;

/**
 * Tells the format of a file: its manifest when it has one, else its first line (`{"Item": ...}` or
 * `{"change": ...}`), else a whole JSON document with `Items` (the AWS CLI's output, pretty-printed).
 */
export async function detectItemSourceFormat(path: string, field = 'file'): Promise<ItemSourceFormat> {
  await assertReadableFile(field, path);
  const hasManifest = await access(manifestPath(path)).then(
    () => true,
    () => false,
  );
  if (hasManifest) {
    const { format } = await readItemFileManifest(path);
    if (format === 'diff' || format === 'dynamodb-json') return format;
    throw new InputError(
      field,
      path,
      `is a ${format} export, which loses DynamoDB types and cannot be restored`,
      'Export again with --format dynamodb-json (the default) and use that file.',
    );
  }
  const first = await firstLine(path);
  const parsed = parseJson(first);
  if (parsed && typeof parsed === 'object' && 'Item' in parsed) return 'dynamodb-json';
  if (parsed && typeof parsed === 'object' && 'change' in parsed) return 'diff';
  return 'aws-scan';
}

/**
 * The file's items as wanted items, in pages. Every item must carry the table's key attributes; the first
 * that does not stops the pass (the plan is computed from a full pass before anything is written).
 */
export async function* fileSelection(
  path: string,
  format: ItemSourceFormat,
  schema: KeySchema,
  deleteMissing: boolean,
  field = 'file',
): AsyncGenerator<WantedItem[]> {
  let page: WantedItem[] = [];
  let index = 0;
  for await (const entry of entries(path, format, field)) {
    index += 1;
    const source = entry.item ?? entry.key!;
    const key = keyOrRefuse(source, schema, path, index, field);
    const expected = entry.expected === undefined ? {} : { expected: entry.expected };
    if (entry.item) page.push({ key, item: entry.item, ...expected });
    else if (deleteMissing) page.push({ key, item: null, ...expected });
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/**
 * Reads the whole file once, as {@link fileSelection} will, and returns how many keys it selects: a line that
 * is not an item, or an item without the table's key or with a key of another type than `keyTypes` (each key
 * attribute's `S`, `N` or `B`, from DescribeTable's AttributeDefinitions), is refused here, before anything
 * is recorded or written.
 */
export async function countFileSelection(
  path: string,
  format: ItemSourceFormat,
  schema: KeySchema,
  keyTypes: Readonly<Record<string, string>>,
  deleteMissing: boolean,
  field = 'file',
): Promise<number> {
  return assertKeyTypes(fileSelection(path, format, schema, deleteMissing, field), keyTypes, field, path);
}

/**
 * Reads a selection's pages through and returns how many keys it selects; a key attribute of another type
 * than `keyTypes` gives (each key attribute's `S`, `N` or `B`) is refused, naming `field` and `source`.
 */
export async function assertKeyTypes(
  pages: AsyncIterable<WantedItem[]>,
  keyTypes: Readonly<Record<string, string>>,
  field: string,
  source: string,
): Promise<number> {
  let keys = 0;
  for await (const page of pages) {
    for (const { key } of page) {
      keys += 1;
      for (const [name, value] of Object.entries(key)) {
        const type = Object.keys(value)[0];
        if (keyTypes[name] === undefined || type === keyTypes[name]) continue;
        throw new InputError(
          field,
          source,
          `has an item (key number ${keys}) whose key attribute ${name} is of type ${type}, but the table's is ${keyTypes[name]}`,
          `Use items from a table whose ${name} is of type ${keyTypes[name]}.`,
        );
      }
    }
  }
  return keys;
}

async function* entries(
  path: string,
  format: ItemSourceFormat,
  field: string,
): AsyncGenerator<{ item: Item | null; key?: Item; expected?: Item | null }> {
  if (format === 'dynamodb-json') {
    for await (const item of readItemFile(path, field)) yield { item };
  } else if (format === 'diff') {
    // The diff's right side is what the table held when it was taken: replacing that is the point.
    for await (const change of readItemChanges(path, field))
      yield { item: change.left, key: change.key, expected: change.right };
  } else {
    for (const item of await scanOutputItems(path, field)) yield { item };
  }
}

/** The AWS CLI's scan output is one JSON document; the CLI itself holds it whole, and so does this. */
async function scanOutputItems(path: string, field: string): Promise<Item[]> {
  const parsed = parseJson(await readFile(path, 'utf8'));
  const items = (parsed as { Items?: unknown } | undefined)?.Items;
  if (!Array.isArray(items)) {
    throw new InputError(
      field,
      path,
      'is neither a dynamo-dr item file nor AWS CLI scan output ({"Items": [...]})',
      'Pass a file written by dynamo-dr export or diff, or by aws dynamodb scan --output json.',
    );
  }
  const bad = items.findIndex((i) => !isItemJson(i));
  if (bad >= 0) {
    throw new InputError(
      field,
      path,
      `has an item (number ${bad + 1} of Items) that is not DynamoDB JSON: ${describeSchemaProblem(itemJsonProblem(items[bad])!)}`,
      'Use the output of aws dynamodb scan --output json unmodified: every attribute is typed, e.g. {"pk": {"S": "a"}}.',
    );
  }
  return (items as JsonItem[]).map(itemFromJson);
}

/** The item's key by the table's schema; an item without it is refused, naming `field`, `source` and its number. */
export function keyOrRefuse(item: Item, schema: KeySchema, path: string, index: number, field: string): Item {
  const names = [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])];
  const missing = names.filter((n) => item[n] === undefined);
  if (missing.length) {
    throw new InputError(
      field,
      path,
      `has an item (number ${index}) without the table's key attribute ${missing.join(' and ')}`,
      `Use a file of items from a table keyed by ${names.join(', ')}.`,
    );
  }
  return Object.fromEntries(names.map((n) => [n, item[n]!]));
}

async function firstLine(path: string): Promise<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim()) return line;
    throw new InputError('file', path, 'is empty', 'Pass a file with items.');
  } finally {
    lines.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
