import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RecoveryLock, RunJournal } from './runJournal.js';
import type { RunRecord } from './runRecord.js';

/** The state directory used when none is given: `.dynamo-dr` in the working directory. */
export const DEFAULT_STATE_DIR = '.dynamo-dr';

/**
 * A {@link RunJournal} in plain JSON files: `runs/<incident>.json` and
 * `locks/<table>.json` under `stateDir`. Writes go to a temporary file first
 * and are then renamed (runs) or hard-linked (locks, atomic and failing when
 * the lock exists), so a process killed at any point leaves whole files.
 *
 * @example
 * const journal = new FileRunJournal('.dynamo-dr');
 * const runs = await journal.listRuns();
 */
export class FileRunJournal implements RunJournal {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly stateDir: string = DEFAULT_STATE_DIR) {}

  async getRun(incidentId: string): Promise<RunRecord | undefined> {
    return readJson<RunRecord>(this.runFile(incidentId));
  }

  async listRuns(): Promise<RunRecord[]> {
    const runs = await this.readAll<RunRecord>('runs');
    return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  updateRun(incidentId: string, change: (current: RunRecord | undefined) => RunRecord): Promise<RunRecord> {
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

  readLock(tableName: string): Promise<RecoveryLock | undefined> {
    return readJson<RecoveryLock>(this.lockFile(tableName));
  }

  async unlock(tableName: string, incidentId?: string): Promise<void> {
    const holder = await this.readLock(tableName);
    if (holder && (incidentId === undefined || holder.incidentId === incidentId)) {
      await rm(this.lockFile(tableName), { force: true });
    }
  }

  listLocks(): Promise<RecoveryLock[]> {
    return this.readAll<RecoveryLock>('locks');
  }

  private runFile(incidentId: string): string {
    return path.join(this.stateDir, 'runs', `${incidentId}.json`);
  }

  private lockFile(tableName: string): string {
    return path.join(this.stateDir, 'locks', `${tableName}.json`);
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

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
