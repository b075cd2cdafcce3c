import { InputError } from '../errors.js';

/**
 * How items are spelled in an item file, one record per line:
 * - `dynamodb-json` (default, lossless): `{"Item": {<AttributeValue map>}}`, the line format of AWS's
 *   export to S3 in DynamoDB JSON; binaries in base64. Restorable.
 * - `jsonl` (lossy): one plain JSON object per item; numbers that a JS number would round are kept as
 *   strings, sets become sorted arrays, binaries base64 strings. For people and other tools, not restorable.
 * - `csv` (lossy): header = every top-level attribute name in first-seen order; nested values as JSON.
 */
export type ItemFileFormat = 'dynamodb-json' | 'jsonl' | 'csv';

/** An item file's kind as its manifest records it: one of the item formats, or `diff` (see `ItemChange`). */
export type ItemFileKind = ItemFileFormat | 'diff';

/** Every item format, default first. */
export const ITEM_FILE_FORMATS: readonly ItemFileFormat[] = ['dynamodb-json', 'jsonl', 'csv'];

/** Formats that keep every DynamoDB type exactly, so that a file can be restored and its digest recomputed. */
export function isLosslessKind(kind: ItemFileKind): boolean {
  return kind === 'dynamodb-json' || kind === 'diff';
}

/**
 * Checks a `--format` value.
 *
 * @throws InputError when the value is not one of {@link ITEM_FILE_FORMATS}.
 */
export function parseItemFileFormat(value: string | undefined, field = 'format'): ItemFileFormat {
  if (value === undefined) return 'dynamodb-json';
  if ((ITEM_FILE_FORMATS as readonly string[]).includes(value)) return value as ItemFileFormat;
  throw new InputError(
    field,
    value,
    'is not an item file format',
    `Use one of ${ITEM_FILE_FORMATS.join(', ')} (dynamodb-json, the default, is the only lossless one).`,
  );
}
