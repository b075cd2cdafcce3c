import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deployClients, deployStack, InputError, loadConfig, requireConfig } from '@dynamo-dr/core';
import { synthesizeConfiguredStack } from '../../shared/synthesizeConfiguredStack.js';
import { formatDeploy } from './formatDeploy.js';
import type { DeployCommandOptions } from './register.js';

/** S3 bucket names (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `dynamo-dr deploy`: synthesizes the environment's recovery stack (as `dynamo-dr synth` does, into a temporary
 * directory), uploads the worker's code and the template to the deployment bucket, and creates or updates the
 * stack through a change set. `--dry-run` prints the change set's changes and executes nothing.
 */
export async function deploy(opts: DeployCommandOptions): Promise<void> {
  const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
  if (opts.s3Bucket !== undefined) assertBucketName(opts.s3Bucket);
  const out = await mkdtemp(path.join(tmpdir(), 'dynamo-dr-deploy-'));
  try {
    const stack = await synthesizeConfiguredStack(config, { ...opts, out });
    const bucket = opts.s3Bucket ?? config.environments[stack.environmentName]?.deployment?.s3Bucket;
    if (bucket === undefined) {
      throw new InputError(
        '--s3-bucket',
        null,
        'is required',
        `Name the bucket for the worker's code and the template (--s3-bucket, or environments.${stack.environmentName}.deployment.s3Bucket in the configuration).`,
      );
    }
    const aws = { region: opts.region ?? config.region, profile: opts.profile, endpoint: opts.endpointUrl };
    const result = await deployStack(
      deployClients(aws),
      { ...stack, bucket },
      { dryRun: opts.dryRun, onProgress: opts.json ? undefined : (line) => console.error(line) },
    );
    if (opts.json) console.log(JSON.stringify({ dryRun: opts.dryRun ?? false, ...result }, null, 2));
    else console.error(formatDeploy(result, opts.dryRun ?? false));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

function assertBucketName(bucket: string): void {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) {
    throw new InputError(
      '--s3-bucket',
      bucket,
      'is not an S3 bucket name',
      'Use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
    );
  }
}
