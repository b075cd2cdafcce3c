import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';

/** Lambda keeps no meaning in a zip entry's time: one fixed time makes the same directory the same zip. */
const ENTRY_TIME = new Date('1980-01-01T00:00:00Z');

/**
 * A directory's files as a Lambda deployment package (.zip, paths relative to the directory, in name order).
 *
 * @example
 * const zip = await zipDirectory('dr-stack/asset.0123…'); // upload as the worker's code
 */
export async function zipDirectory(directory: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const add = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(directory, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) await add(name);
      else zip.addBuffer(await readFile(path.join(directory, name)), name, { mtime: ENTRY_TIME, mode: 0o100644 });
    }
  };
  await add('');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
