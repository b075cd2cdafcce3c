import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DrError } from '../errors.js';
import { assertName } from '../validation/assertName.js';
import { assertPathSyntax, assertStateDir } from '../validation/localPaths.js';
import { runIdRule, tableNameRule } from '../validation/nameRules.js';
import type { JournaledRun, RecoveryLock, RunJournal } from './runJournal.js';

/**
 * The state directory used when none is given: `.dynamo-dr` in the working directory.
 *
 * @example
 * const journal = new FileRunJournal(DEFAULT_STATE_DIR);
 */
export const DEFAULT_STATE_DIR = '.dynamo-dr';

/** Longest file name (bytes, Linux's NAME_MAX) minus `.json`: a longer table name is shortened and hashed. */
const MAX_FILE_STEM = 255 - '.json'.length;

/**
 * A {@link RunJournal} in plain JSON files: `runs/<incident>.json` and
 * `locks/<table>.json` under `stateDir`. Writes go to a temporary file first
 * and are then renamed (runs) or hard-linked (locks, atomic and failing when
 * the lock exists), so a process killed at any point leaves whole files.
 *
 * Every run id and table name is checked against its syntax before it names a file (an {@link InputError}
 * otherwise), also when it was read back from a lock file: nothing outside `stateDir` is ever read, written
 * or deleted.
 *
 * @example
 * const journal = await FileRunJournal.open('.dynamo-dr', '--state-dir', { forWriting: true });
 * const runs = await journal.listRuns();
 */
export class FileRunJournal implements RunJournal {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly stateDir: string = DEFAULT_STATE_DIR) {
    assertPathSyntax('stateDir', stateDir);
  }

  /**
   * The journal in `stateDir`, after checking that it is a directory or can be created as one (and, with
   * `forWriting`, written); `field` names the option in the error. Creates nothing.
   */
  static async open(
    stateDir: string = DEFAULT_STATE_DIR,
    field = 'stateDir',
    options: { readonly forWriting: boolean } = { forWriting: true },
  ): Promise<FileRunJournal> {
    return new FileRunJournal(await assertStateDir(field, stateDir, options));
  }

  async getRun(incidentId: string): Promise<JournaledRun | undefined> {
    return readJson<JournaledRun>(this.runFile(incidentId));
  }

  async listRuns(): Promise<JournaledRun[]> {
    const runs = await this.readAll<JournaledRun>('runs');
    return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  updateRun<R extends JournaledRun>(incidentId: string, change: (current: JournaledRun | undefined) => R): Promise<R> {
    // One in-process queue per incident: parallel tables of one run update the same file.
    const previous = this.queues.get(incidentId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const updated = change(await this.getRun(incidentId));
      await this.writeAtomically(this.runFile(incidentId), updated);
      return updated;
    });
    this.queues.set(
      incidentId,
      next.catch(() => undefined),
    );
    return next;
  }

  async tryLock(lock: RecoveryLock): Promise<RecoveryLock | undefined> {
    const file = this.lockFile(lock.tableName);
    await mkdir(path.dirname(file), { recursive: true });
    const temp = await this.writeTemp(lock);
    try {
      await link(temp, file);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return (await this.readLock(lock.tableName)) ?? this.tryLock(lock);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async readLock(tableName: string): Promise<RecoveryLock | undefined> {
    const file = this.lockFile(tableName);
    return asLock(await readJson<RecoveryLock>(file), file);
  }

  async unlock(tableName: string, incidentId?: string): Promise<void> {
    const holder = await this.readLock(tableName);
    if (holder && (incidentId === undefined || holder.incidentId === incidentId)) {
      await rm(this.lockFile(tableName), { force: true });
    }
  }

  async listLocks(): Promise<RecoveryLock[]> {
    const locks = await this.readAll<RecoveryLock>('locks');
    return locks.map((lock) => asLock(lock, path.join(this.stateDir, 'locks'))!);
  }

  private runFile(incidentId: string): string {
    return path.join(this.stateDir, 'runs', `${assertName(runIdRule, 'incidentId', incidentId)}.json`);
  }

  private lockFile(tableName: string): string {
    return path.join(this.stateDir, 'locks', `${fileStem(assertName(tableNameRule, 'tableName', tableName))}.json`);
  }

  private async writeTemp(value: unknown): Promise<string> {
    const dir = path.join(this.stateDir, 'tmp');
    await mkdir(dir, { recursive: true });
    const temp = path.join(dir, `${randomUUID()}.json`);
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
    return temp;
  }

  private async writeAtomically(file: string, value: unknown): Promise<void> {
    await mkdir(path.dirname(file), { recursive: true });
    await rename(await this.writeTemp(value), file);
  }

  private async readAll<T>(folder: string): Promise<T[]> {
    const dir = path.join(this.stateDir, folder);
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const all = await Promise.all(names.map((n) => readJson<T>(path.join(dir, n))));
    return all.filter((x): x is Awaited<T> => x !== undefined) as T[];
  }
}

/**
 * A table name as a file name: itself when it fits, else its start and a hash of the whole (`~` is in no
 * table name, so the two forms never meet). Lock files are read by content, so the name need not reverse.
 */
function fileStem(name: string): string {
  if (Buffer.byteLength(name) <= MAX_FILE_STEM) return name;
  return `${name.slice(0, 180)}~${createHash('sha256').update(name).digest('hex')}`;
}

/** A lock as read from `file`, refused when it is not one (its holder would be shown as `undefined`). */
function asLock(value: RecoveryLock | undefined, file: string): RecoveryLock | undefined {
  if (value === undefined || (typeof value.tableName === 'string' && typeof value.incidentId === 'string')) {
    return value;
  }
  throw new DrError(`${file} holds no recovery lock (no tableName and incidentId).`, {
    hint: 'Only dynamo-dr writes the locks directory: move that file out of it.',
  });
}

async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DrError(`The run journal file ${file} cannot be read: ${(error as Error).message}.`, {
      hint: 'Check --state-dir: it must be the directory dynamo-dr keeps its runs and locks in.',
      cause: error,
    });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DrError(`The run journal file ${file} is not valid JSON (${(error as Error).message}).`, {
      hint: 'It was edited or cut short: restore it from a copy, or move it out of the state directory.',
      cause: error,
    });
  }
}
