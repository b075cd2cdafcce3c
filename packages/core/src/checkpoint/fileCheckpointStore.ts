import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertName } from '../validation/assertName.js';
import { checkpointNameRule } from '../validation/nameRules.js';
import type { CheckpointStore, SegmentCheckpoint } from './checkpointStore.js';

/**
 * A {@link CheckpointStore} in a local directory: one JSON file per segment
 * under `<directory>/<runId>/`, written to a temporary name and renamed into
 * place, so a kill -9 mid-save leaves the previous checkpoint intact.
 *
 * @example
 * const checkpoints = new FileCheckpointStore('.dynamo-dr/checkpoints');
 * await copyTable(source, destination, { checkpoints, runId: 'incident-42' });
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly directory: string) {}

  async load(runId: string, key: string): Promise<SegmentCheckpoint | undefined> {
    try {
      return JSON.parse(await readFile(this.file(runId, key), 'utf8')) as SegmentCheckpoint;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(runId: string, key: string, checkpoint: SegmentCheckpoint): Promise<void> {
    const file = this.file(runId, key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(checkpoint));
    await rename(temporary, file);
  }

  async clear(runId: string): Promise<void> {
    await rm(this.runDirectory(runId), { recursive: true, force: true });
  }

  /** Run ids and keys are checked before they name anything: `..` would reach outside `directory`. */
  private runDirectory(runId: string): string {
    return path.join(this.directory, assertName(checkpointNameRule, 'runId', runId));
  }

  private file(runId: string, key: string): string {
    return path.join(this.runDirectory(runId), `${assertName(checkpointNameRule, 'key', key)}.json`);
  }
}
