import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file and directory under `root` (but `except` and what is in it) with a digest of its content and
 * its modification time: equal before and after means nothing there was written, created or deleted.
 */
export async function filesUnder(root: string, except?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (except && (file === except || file.startsWith(`${except}${path.sep}`))) continue;
    const { mtimeMs } = await stat(file);
    const content = entry.isFile()
      ? createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      : 'dir';
    out[path.relative(root, file)] = `${content} ${mtimeMs}`;
  }
  return out;
}
