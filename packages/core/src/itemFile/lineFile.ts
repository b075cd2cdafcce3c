import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { manifestPath, type ItemFileManifest } from './itemFileManifest.js';

/**
 * A file written line by line under a temporary name in the same directory (so the final rename is atomic),
 * hashing the bytes as they go. Memory stays flat: a write waits when the stream's buffer is full.
 */
export class LineFile {
  readonly tempPath: string;
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private failure: unknown;

  constructor(readonly path: string) {
    this.tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
    this.stream = createWriteStream(this.tempPath, { flags: 'wx' });
    this.stream.on('error', (error) => (this.failure ??= error));
  }

  async writeLine(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    this.hash.update(bytes);
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the temporary file; returns the SHA-256 of its bytes. */
  async finish(): Promise<string> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await finished(this.stream);
    return this.hash.digest('hex');
  }

  async abort(): Promise<void> {
    // The file is opened asynchronously: wait until the stream has closed (its open completed), or the
    // removal could run before the file exists and leave it behind.
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await rm(this.tempPath, { force: true });
  }
}

/**
 * Moves a finished temporary file into place with its manifest. The manifest goes first and the data file
 * last, so that a file under its final name always has a manifest; a crash before that leaves only a
 * hidden `.partial` file, never something that looks complete.
 */
export async function commitLineFile(file: LineFile, manifest: ItemFileManifest): Promise<void> {
  const target = manifestPath(file.path);
  const tempManifest = `${file.tempPath}.manifest.json`;
  await writeFile(tempManifest, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'w' });
  await rename(tempManifest, target);
  await rename(file.tempPath, file.path);
}
