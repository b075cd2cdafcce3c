import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { zipPackage } from '../../lambda/code/zipPackage.js';
import { SandboxOptionError } from '../../sandboxOptionError.js';

/** Where Lambda deployment packages and templates named by an S3 bucket and key come from. */
export interface AssetSource {
  /** The object's bytes; throws naming what was looked for when it is nowhere. */
  read(bucket: string, key: string, s3: S3Client): Promise<Buffer>;
}

/**
 * Objects from the sandbox's own S3 (what `cdk deploy`, `aws cloudformation
 * package` or `deploy --s3-bucket` uploaded), else from local CDK synth output
 * (`cdk.out`): the CDK's default synthesizer publishes asset `asset.{hash}` (a
 * directory, or a zip file) as `{hash}.zip` in the bootstrap bucket, and the
 * template names that bucket and key; given the synth output directories,
 * the sandbox reads `{dir}/asset.{hash}` (zipped here if it is a directory)
 * without any upload.
 * https://github.com/aws/aws-cdk/blob/main/packages/cdk-assets/README.md
 */
export function assetSource(directories: readonly string[]): AssetSource {
  return {
    async read(bucket, key, s3) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
      } catch (error) {
        if (!['NoSuchBucket', 'NoSuchKey'].includes((error as Error).name)) throw error;
      }
      const hash = /^(?:.*\/)?([0-9a-f]{64})\.zip$/.exec(key)?.[1];
      for (const directory of hash ? directories : []) {
        const asset = path.join(directory, `asset.${hash}`);
        if (existsSync(asset)) return statSync(asset).isDirectory() ? zipDirectory(asset) : readFileSync(asset);
        if (existsSync(`${asset}.zip`)) return readFileSync(`${asset}.zip`);
      }
      throw new Error(
        `s3://${bucket}/${key} is neither in the sandbox's S3 nor, as a CDK asset ({hash}.zip), in its assetDirectories [${directories.join(', ')}]: upload it, or run cdk synth (or dynamo-dr synth) and give the sandbox its output directory.`,
      );
    },
  };
}

/** Asset directories must exist; one that does not is refused before the sandbox starts. */
export function checkAssetDirectories(directories: readonly string[]): void {
  for (const directory of directories) {
    if (existsSync(directory) && statSync(directory).isDirectory()) continue;
    throw new SandboxOptionError(
      'assetDirectories',
      directory,
      'is not a directory',
      'Give the synth output directory, e.g. cdk.out (run cdk synth first).',
    );
  }
}

/** A directory's files as a zip (paths relative to it). */
export function zipDirectory(directory: string): Promise<Buffer> {
  const files: Record<string, Uint8Array> = {};
  const add = (relative: string) => {
    for (const entry of readdirSync(path.join(directory, relative), { withFileTypes: true })) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) add(name);
      else files[name] = readFileSync(path.join(directory, name));
    }
  };
  add('');
  return zipPackage(files);
}
