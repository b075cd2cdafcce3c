import { createWriteStream } from 'node:fs';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { invalidParameter } from '../lambdaError.js';

/** Lambda's quota on a deployment package's unzipped size. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const UNZIPPED_LIMIT = 262_144_000;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Extracts a deployment package into `dir` with yauzl, which refuses entries with absolute paths or `..`
 * and checks entry sizes against the headers. Symbolic links are kept when they point inside the package.
 * A package that is not a zip, or is larger unzipped than Lambda allows, is InvalidParameterValueException
 * with Lambda's text.
 */
export async function unzipPackage(zip: Buffer, dir: string): Promise<void> {
  const archive = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(notAZip()) : resolve(file),
    ),
  );
  await mkdir(dir, { recursive: true });
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      archive.close();
      reject(error instanceof Error && error.name === 'AwsError' ? error : notAZip());
    };
    archive.on('error', fail);
    archive.on('end', () => resolve());
    archive.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > UNZIPPED_LIMIT) {
        fail(invalidParameter(`Unzipped size must be smaller than ${UNZIPPED_LIMIT} bytes`));
        return;
      }
      extractEntry(archive, entry, dir).then(() => archive.readEntry(), fail);
    });
    archive.readEntry();
  });
}

async function extractEntry(archive: yauzl.ZipFile, entry: yauzl.Entry, dir: string): Promise<void> {
  const target = path.join(dir, entry.fileName);
  if (entry.fileName.endsWith('/')) {
    await mkdir(target, { recursive: true });
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    archive.openReadStream(entry, (error, s) => (error || !s ? reject(error ?? notAZip()) : resolve(s))),
  );
  const mode = (entry.externalFileAttributes >>> 16) & 0xffff;
  if ((mode & S_IFMT) === S_IFLNK) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const link = Buffer.concat(chunks).toString();
    if (!path.resolve(path.dirname(target), link).startsWith(path.resolve(dir) + path.sep)) {
      throw invalidParameter(`The package's symbolic link ${entry.fileName} points outside the package (${link}).`);
    }
    await symlink(link, target);
    return;
  }
  await pipeline(stream, createWriteStream(target));
  if (mode & 0o777) await chmod(target, mode & 0o777);
}

function notAZip() {
  return invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
}
