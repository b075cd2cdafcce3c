import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

/** Where Lambda deployment packages named by `Code.S3Bucket` / `Code.S3Key` come from. */
export interface AssetSource {
  /** The package (a zip file's bytes); throws naming what was looked for when it is not there. */
  zipOf(bucket: string, key: string): Buffer;
}

/**
 * Deployment packages from local CDK synth output (`cdk.out`): the CDK's
 * default synthesizer uploads asset `asset.{hash}` (a directory, or a zip
 * file) as `{hash}.zip` into the bootstrap bucket, and the template names
 * that bucket and key. Given the synth output directories, the sandbox reads
 * `{dir}/asset.{hash}` (zipped here if it is a directory) for any bucket.
 * https://github.com/aws/aws-cdk/blob/main/packages/cdk-assets/README.md
 */
export function localAssetSource(directories: readonly string[]): AssetSource {
  return {
    zipOf(bucket, key) {
      const hash = /^(?:.*\/)?([0-9a-f]{64})\.zip$/.exec(key)?.[1];
      if (!hash) {
        throw new Error(
          `The dynamo-dr sandbox cannot find Lambda code s3://${bucket}/${key}: it reads CDK assets ({hash}.zip) from the synth output (the sandbox's assetDirectories).`,
        );
      }
      for (const directory of directories) {
        const asset = path.join(directory, `asset.${hash}`);
        if (existsSync(asset)) return statSync(asset).isDirectory() ? zipDirectory(asset) : readFileSync(asset);
        if (existsSync(`${asset}.zip`)) return readFileSync(`${asset}.zip`);
      }
      throw new Error(
        `The Lambda code s3://${bucket}/${key} is asset ${hash}, which is in none of the sandbox's assetDirectories [${directories.join(', ')}]; run cdk synth (or dynamo-dr synth) and pass its output directory.`,
      );
    },
  };
}

/** A directory's files as a zip (paths relative to it). */
export function zipDirectory(directory: string): Buffer {
  const files: Record<string, Uint8Array> = {};
  const add = (relative: string) => {
    for (const entry of readdirSync(path.join(directory, relative), { withFileTypes: true })) {
      const name = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) add(name);
      else files[name] = readFileSync(path.join(directory, name));
    }
  };
  add('');
  return Buffer.from(zipSync(files));
}
