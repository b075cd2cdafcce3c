import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { invalidParameter } from '../lambdaError.js';
import { LOCAL_CODE_BUCKET, type CodeObjects } from './codeObjects.js';
import { UNZIPPED_LIMIT, unzipPackage } from './unzipPackage.js';

/** A function's code as installed: where it is unpacked, and what GetFunction reports of it. */
export interface InstalledCode {
  readonly dir: string;
  readonly CodeSha256: string;
  readonly CodeSize: number;
}

/** `Code` of CreateFunction / the members of UpdateFunctionCode. */
export interface CodeSource {
  readonly ZipFile?: string;
  readonly S3Bucket?: string;
  readonly S3Key?: string;
  readonly S3ObjectVersion?: string;
  readonly ImageUri?: string;
}

/**
 * Deployment packages unpacked on disk, one directory per installed version of a function's code: under
 * `{dataDir}/lambda-code` (kept across restarts), or a temporary directory removed on close.
 */
export class FunctionCodeStore {
  private readonly root: Promise<string>;
  private modules?: Promise<string | undefined>;
  private readonly temporary: boolean;

  constructor(
    dataDir: string | undefined,
    private readonly objects: CodeObjects | undefined,
  ) {
    this.temporary = !dataDir;
    this.root = dataDir
      ? mkdir(path.join(dataDir, 'lambda-code'), { recursive: true }).then(() => path.join(dataDir, 'lambda-code'))
      : mkdtemp(path.join(tmpdir(), 'dynamo-dr-lambda-'));
  }

  /**
   * Installs a function's code from a zip (base64 `ZipFile`), an S3 object, or the local code bucket.
   * Refuses, as Lambda does, anything that is not a deployment package; installs nothing then.
   */
  async install(region: string, functionName: string, source: CodeSource): Promise<InstalledCode> {
    if (source.ImageUri !== undefined) {
      throw invalidParameter(
        'The dynamo-dr sandbox runs only .zip deployment packages (PackageType Zip), not container images.',
      );
    }
    const dir = path.join(
      await this.root,
      region,
      functionName,
      `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    );
    try {
      if (source.ZipFile !== undefined) return await fromZip(Buffer.from(source.ZipFile, 'base64'), dir);
      if (source.S3Bucket !== undefined && source.S3Key !== undefined) {
        if (source.S3Bucket === LOCAL_CODE_BUCKET) return await fromLocalPath(source.S3Key, dir);
        const zip = await this.objects?.get(source.S3Bucket, source.S3Key, source.S3ObjectVersion);
        if (!zip) throw noSuchObject(source.S3Bucket, !this.objects);
        return await fromZip(zip, dir);
      }
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    throw invalidParameter('Please provide a source for function code: Code.ZipFile, or Code.S3Bucket and Code.S3Key.');
  }

  /**
   * A `node_modules` holding only the AWS SDK for JavaScript v3 (the sandbox's own `@aws-sdk` packages,
   * linked), for NODE_PATH: Lambda's Node.js runtimes provide the SDK, and nothing else, to functions that
   * do not bundle it. Undefined when the sandbox has no SDK installed beside it.
   */
  async runtimeModules(): Promise<string | undefined> {
    this.modules ??= (async () => {
      let scope: string;
      try {
        const client = createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json');
        scope = path.dirname(path.dirname(client));
      } catch {
        return undefined;
      }
      const dir = path.join(await this.root, 'runtime', 'node_modules');
      await mkdir(dir, { recursive: true });
      await symlink(scope, path.join(dir, '@aws-sdk')).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      return dir;
    })();
    return this.modules;
  }

  /** An empty directory: the code of a function created before the sandbox kept code (it runs nothing). */
  async emptyDir(): Promise<string> {
    const dir = path.join(await this.root, 'empty');
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Removes an installed code directory (a function deleted or given new code). */
  async remove(code: Pick<InstalledCode, 'dir'> | undefined): Promise<void> {
    if (code) await rm(code.dir, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    if (this.temporary) await rm(await this.root, { recursive: true, force: true });
  }
}

async function fromZip(zip: Buffer, dir: string): Promise<InstalledCode> {
  await unzipPackage(zip, dir);
  return { dir, CodeSha256: createHash('sha256').update(zip).digest('base64'), CodeSize: zip.length };
}

/** A directory is copied (a snapshot, as Lambda's copy of a package is); a `.zip` file is unpacked. */
async function fromLocalPath(source: string, dir: string): Promise<InstalledCode> {
  const missing = invalidParameter(
    `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. (In the sandbox's bucket ${LOCAL_CODE_BUCKET}, S3Key is an absolute path to a directory or a .zip file; ${JSON.stringify(source)} is not one.)`,
  );
  if (!path.isAbsolute(source)) throw missing;
  const found = await stat(source).catch(() => undefined);
  if (found?.isFile() && source.endsWith('.zip')) return fromZip(await readFile(source), dir);
  if (!found?.isDirectory()) throw missing;
  await cp(source, dir, { recursive: true, verbatimSymlinks: true });
  const hash = createHash('sha256');
  let size = 0;
  for (const file of await filesUnder(dir)) {
    const content = await readFile(path.join(dir, file));
    hash.update(file).update('\0').update(content);
    size += content.length;
  }
  if (size > UNZIPPED_LIMIT) throw invalidParameter(`Unzipped size must be smaller than ${UNZIPPED_LIMIT} bytes`);
  return { dir, CodeSha256: hash.digest('base64'), CodeSize: size };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)))
    .sort();
}

/** Lambda's text when the package's S3 object cannot be read; without an S3 in the sandbox, how to give code instead. */
function noSuchObject(bucket: string, noS3: boolean) {
  if (!noS3) {
    return invalidParameter(
      `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. (bucket ${bucket})`,
    );
  }
  return invalidParameter(
    `Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist (the dynamo-dr sandbox has no S3 yet: give Code.ZipFile, or S3Bucket ${LOCAL_CODE_BUCKET} with an absolute local path as S3Key)`,
  );
}
