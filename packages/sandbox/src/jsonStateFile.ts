import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A JSON document kept in memory and, when `file` is set, written through to
 * disk after every change (write to a temporary name, then rename, so a crash
 * never leaves half a file). Services that emulate AWS state with no engine of
 * their own (Lambda, SSM) keep it here when the sandbox has a `dataDir`.
 */
export class JsonStateFile<T> {
  readonly data: T;

  constructor(
    private readonly file: string | undefined,
    empty: () => T,
  ) {
    this.data = file ? (readIfPresent<T>(file) ?? empty()) : empty();
  }

  /** Call after every change to `data`. */
  save(): void {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.data));
    renameSync(temporary, this.file);
  }
}

function readIfPresent<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
