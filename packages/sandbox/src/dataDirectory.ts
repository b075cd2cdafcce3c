import fs from 'node:fs';
import path from 'node:path';
import { SandboxOptionError } from './sandboxOptionError.js';

/**
 * The directories the sandbox keeps under a data directory: `dynamodb/` (per Region, dynalite's LevelDB and the
 * sandbox's own state), and `dynalite/` and `sandbox/`, where a sandbox before Regions kept them (moved at start).
 */
export const DATA_SUBDIRECTORIES = ['dynamodb', 'dynalite', 'sandbox'] as const;

/**
 * Checks, before anything starts or is created, that `dir` can be the sandbox's data directory: it and the
 * subdirectories the sandbox uses are directories where they exist, and the nearest existing one is writable
 * (the rest is created). Throws {@link SandboxOptionError} otherwise.
 */
export function assertDataDirectory(dir: string): void {
  const refuse = (problem: string, hint: string) => {
    throw new SandboxOptionError('dataDir', dir, problem, hint);
  };
  if (dir.trim() === '') refuse('is empty', 'Give the path of a directory (it is created if missing).');
  for (const sub of DATA_SUBDIRECTORIES) {
    const inside = path.join(dir, sub);
    if (isFile(inside)) refuse(`holds a file ${inside} where the sandbox keeps a directory`, 'Give another directory.');
  }
  let existing = path.resolve(dir);
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  if (!fs.statSync(existing).isDirectory()) {
    refuse(
      existing === path.resolve(dir) ? 'is a file, not a directory' : `cannot be created: ${existing} is a file`,
      'Give the path of a directory (it is created if missing).',
    );
  }
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    refuse(`cannot be written: ${existing} is not writable by this user`, 'Give a directory you can write to.');
  }
}

function isFile(file: string): boolean {
  try {
    return !fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Takes `dir` for this process, so that a second sandbox on the same data directory is refused at start (dynalite's
 * LevelDB would otherwise fail at its first request): `dir/sandbox.lock` holds the owner's pid; a lock whose owner
 * is gone (it was killed) is taken over. Returns the release. Throws {@link SandboxOptionError} when it is held.
 */
export function lockDataDirectory(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'sandbox.lock');
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(fs.readFileSync(lock, 'utf8'));
    if (isAlive(owner)) {
      throw new SandboxOptionError(
        'dataDir',
        dir,
        `is in use by another sandbox (pid ${owner})`,
        'Stop that sandbox, or give another directory.',
      );
    }
    fs.rmSync(lock, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
