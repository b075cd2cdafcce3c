import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';

/** Linux's limits (macOS's are lower still for paths): 4096 bytes per path, 255 bytes per name in it. */
const PATH_MAX_BYTES = 4096;
const NAME_MAX_BYTES = 255;

/**
 * Returns `value` when it can name a file: a non-empty string without a NUL byte, within the file system's
 * limits. Where the path points is the user's choice (an `--out` may be absolute); values that become *part*
 * of a path (table names, incident ids) are checked against their own syntax instead ({@link assertName}).
 *
 * @example
 * assertPathSyntax('--out', 'audit.jsonl');
 */
export function assertPathSyntax(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new InputError(field, null, value === '' ? 'is empty' : 'is required', 'Give a file or directory path.');
  }
  if (typeof value !== 'string') throw new InputError(field, value, 'is not a path', 'Give a file or directory path.');
  if (value.includes('\0')) {
    throw new InputError(field, value, 'contains a NUL byte, which no file name may hold', 'Give a plain path.');
  }
  if (Buffer.byteLength(value) > PATH_MAX_BYTES) {
    throw new InputError(field, value, `is longer than ${PATH_MAX_BYTES} bytes`, 'Give a shorter path.');
  }
  const long = value.split(path.sep).find((part) => Buffer.byteLength(part) > NAME_MAX_BYTES);
  if (long !== undefined) {
    throw new InputError(
      field,
      value,
      `has a name longer than ${NAME_MAX_BYTES} bytes (${long.slice(0, 40)}...)`,
      'Give shorter names.',
    );
  }
  return value;
}

/**
 * Returns `value` when it names an existing regular file this process may read; else an {@link InputError}
 * saying whether it is missing, a directory or unreadable. Reads nothing.
 *
 * @example
 * await assertReadableFile('--from-file', 'recovered_events.json');
 */
export async function assertReadableFile(field: string, value: unknown): Promise<string> {
  const file = assertPathSyntax(field, value);
  const found = await stat(file).catch(() => undefined);
  if (!found) throw new InputError(field, file, 'does not exist', 'Check the path.');
  if (found.isDirectory()) throw new InputError(field, file, 'is a directory, not a file', 'Give the file inside it.');
  if (!found.isFile()) throw new InputError(field, file, 'is not a regular file', 'Give a file written to disk.');
  if (!(await canAccess(file, constants.R_OK))) {
    throw new InputError(field, file, 'cannot be read (permission denied)', 'Check its permissions.');
  }
  return file;
}

/**
 * Returns `value` when it names an existing directory this process may read; else an {@link InputError} saying
 * whether it is missing, a file or unreadable. Reads nothing.
 *
 * @example
 * await assertReadableDirectory('--reports-dir', 'docs/ops/recovery-tests');
 */
export async function assertReadableDirectory(field: string, value: unknown): Promise<string> {
  const dir = assertPathSyntax(field, value);
  const found = await stat(dir).catch(() => undefined);
  if (!found) throw new InputError(field, dir, 'does not exist', 'Check the path.');
  if (!found.isDirectory()) throw new InputError(field, dir, 'is not a directory', 'Give the directory it is in.');
  if (!(await canAccess(dir, constants.R_OK | constants.X_OK))) {
    throw new InputError(field, dir, 'cannot be read (permission denied)', 'Check its permissions.');
  }
  return dir;
}

/** Whether an existing file may be replaced, and the flag that allows it (named in the hint). */
export interface ReplaceOptions {
  readonly replace: boolean;
  readonly replaceFlag?: string;
}

/**
 * Returns `value` when a new file may be written there: not a directory, absent unless `replace`, in an
 * existing directory this process may write to. Writes nothing.
 *
 * @example
 * await assertWritableFile('--out', 'lost-writes.jsonl', { replace: false });
 */
export async function assertWritableFile(field: string, value: unknown, options: ReplaceOptions): Promise<string> {
  const file = assertPathSyntax(field, value);
  const found = await stat(file).catch(() => undefined);
  if (found?.isDirectory()) {
    throw new InputError(field, file, 'is a directory', 'Give a file path, e.g. exports/consent-2025-12.jsonl.');
  }
  if (found && !options.replace) {
    throw new InputError(field, file, 'already exists', anotherPath(options));
  }
  const dir = path.dirname(path.resolve(file));
  const parent = await stat(dir).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new InputError(field, file, 'is in a directory that does not exist', `Create ${dir} first.`);
  }
  if (!(await canAccess(dir, constants.W_OK))) {
    throw new InputError(field, file, `cannot be written: ${dir} is read-only`, 'Choose another directory.');
  }
  return file;
}

/**
 * Returns `value` when it can be the state directory (or another directory dynamo-dr writes into, named by
 * `purpose` in the error): an existing directory, or a path `mkdir -p` can create
 * (its nearest existing ancestor is a directory). With `forWriting`, that directory must be writable too.
 * Creates nothing.
 *
 * @example
 * await assertStateDir('--state-dir', '.dynamo-dr', { forWriting: true });
 */
export async function assertStateDir(
  field: string,
  value: unknown,
  options: { readonly forWriting: boolean; readonly purpose?: string },
): Promise<string> {
  const dir = assertPathSyntax(field, value);
  let existing = path.resolve(dir);
  let found = await stat(existing).catch(() => undefined);
  while (!found && path.dirname(existing) !== existing) {
    existing = path.dirname(existing);
    found = await stat(existing).catch(() => undefined);
  }
  if (!found?.isDirectory()) {
    const what =
      existing === path.resolve(dir) ? 'is an existing file, not a directory' : `is inside ${existing}, a file`;
    const purpose = options.purpose ?? 'the run journal and locks (default: .dynamo-dr)';
    throw new InputError(field, dir, what, `Give a directory for ${purpose}.`);
  }
  if (options.forWriting && !(await canAccess(existing, constants.W_OK))) {
    throw new InputError(field, dir, `cannot be written (${existing} is read-only)`, 'Give a writable directory.');
  }
  return dir;
}

/** The hint for a file that exists. */
export function anotherPath(options: ReplaceOptions): string {
  return options.replaceFlag
    ? `Choose another path, or pass ${options.replaceFlag} to replace it.`
    : 'Choose another path.';
}

function canAccess(file: string, mode: number): Promise<boolean> {
  return access(file, mode).then(
    () => true,
    () => false,
  );
}
