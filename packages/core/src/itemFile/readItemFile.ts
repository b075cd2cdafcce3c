import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Item } from '../aws/tableRef.js';
import { DrError, InputError } from '../errors.js';
import type { ItemChange } from './itemChange.js';
import { isLosslessKind, type ItemFileKind } from './itemFileFormat.js';
import { manifestPath, readItemFileManifest } from './itemFileManifest.js';
import { describeSchemaProblem } from '../validation/schemaCheck.js';
import { parseChangeLine, parseDynamoJsonLine, type ParsedLine } from './itemLines.js';

/**
 * Streams the items of a `dynamodb-json` file (written by `export`, or a data file of AWS's export to S3,
 * uncompressed), one at a time. Lossy files (`jsonl`, `csv`) and diff files are refused before any item is
 * read: a restore from them would write wrong types.
 *
 * @throws InputError (`field` names the option) when the file is missing, lossy, a diff, or a line is not
 *   `{"Item": {...}}`.
 * @example
 * for await (const item of readItemFile('consent-audit.jsonl')) console.log(item.pk?.S);
 */
export async function* readItemFile(path: string, field = 'file'): AsyncGenerator<Item> {
  const kind = await declaredKind(path, field);
  if (kind === 'diff') {
    throw new InputError(
      field,
      path,
      'is a diff file, not an item file',
      'Read it as a diff (its lines are changes with a left and a right item).',
    );
  }
  if (kind && !isLosslessKind(kind)) {
    throw new InputError(
      field,
      path,
      `is a ${kind} export, which loses DynamoDB types (numbers, sets, binaries) and cannot be restored`,
      'Export again with --format dynamodb-json (the default) and use that file.',
    );
  }
  yield* parsedLines(path, field, parseDynamoJsonLine, '{"Item": {...}} (DynamoDB JSON)');
}

/**
 * Streams the change records of a diff file (see {@link ItemChange}).
 *
 * @throws InputError when the file is missing, is not a diff file, or a line is not a change record.
 *
 * @example
 * for await (const change of readItemChanges('orders.diff')) console.log(change.change, change.key);
 */
export async function* readItemChanges(path: string, field = 'file'): AsyncGenerator<ItemChange> {
  const kind = await declaredKind(path, field);
  if (kind && kind !== 'diff') {
    throw new InputError(
      field,
      path,
      `is a ${kind} item file, not a diff file`,
      'Pass a file written by dynamo-dr diff.',
    );
  }
  yield* parsedLines(path, field, parseChangeLine, '{"change": ..., "key": ..., "left": ..., "right": ...}');
}

/** The format the file's manifest declares; undefined when there is no manifest (e.g. an AWS export). */
async function declaredKind(path: string, field: string): Promise<ItemFileKind | undefined> {
  try {
    await access(path);
  } catch {
    throw new InputError(field, path, 'does not exist or cannot be read', 'Check the path.');
  }
  try {
    await access(manifestPath(path));
  } catch {
    return undefined;
  }
  return (await readItemFileManifest(path)).format;
}

async function* parsedLines<T>(
  path: string,
  field: string,
  parse: (line: string) => ParsedLine<T>,
  expected: string,
): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const line of lines) {
      number += 1;
      if (line.trim() === '') continue;
      const parsed = parse(line);
      if (!parsed.ok) {
        const fieldProblem = parsed.problem.path.length > 0;
        throw new InputError(
          field,
          path,
          `line ${number} is not ${expected}: ${fieldProblem ? describeSchemaProblem(parsed.problem) : line.slice(0, 120)}`,
          fieldProblem
            ? 'Each attribute is one DynamoDB JSON value, e.g. {"S": "x"} or {"N": "12"} (numbers as strings): mend that line, or use a file written by dynamo-dr (export --format dynamodb-json, or diff), unmodified.'
            : 'Use a file written by dynamo-dr (export --format dynamodb-json, or diff), unmodified.',
        );
      }
      yield parsed.value;
    }
  } catch (error) {
    if (error instanceof DrError) throw error;
    throw new DrError(`Reading ${path} failed at line ${number}: ${(error as Error).message}`, { cause: error });
  } finally {
    lines.close();
  }
}
