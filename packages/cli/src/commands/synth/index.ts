import { readdir, stat } from 'node:fs/promises';
import { assertPathSyntax, DrError, InputError, loadConfig } from '@dynamo-dr/core';
import type * as cdkPackage from '@dynamo-dr/cdk';

type CdkPackage = typeof cdkPackage;

/** Flags of `dynamo-dr synth`. */
export interface SynthCommandOptions {
  readonly config?: string;
  readonly environment?: string;
  readonly stackName?: string;
  readonly out?: string;
  readonly json?: boolean;
}

/** CloudFormation stack names (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html). */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * `dynamo-dr synth`: the stack the CDK construct makes for the configuration's environment, as a template and
 * its worker asset in `--out`. Everything is checked before anything is written.
 */
export async function synth(opts: SynthCommandOptions): Promise<void> {
  const out = await assertNewDirectory('--out', opts.out);
  const config = await loadConfig({ explicitPath: opts.config });
  if (!config) {
    throw new InputError(
      '--config',
      opts.config,
      'names no configuration file',
      'Give --config, or run where dynamo-dr.config.json is.',
    );
  }
  if (opts.stackName !== undefined && !STACK_NAME.test(opts.stackName)) {
    throw new InputError(
      '--stack-name',
      opts.stackName,
      'is not a CloudFormation stack name',
      'Use a letter, then up to 127 letters, digits or hyphens.',
    );
  }
  const cdk = await loadCdk();
  const recovery = cdk.disasterRecoveryPropsFromConfig(config, opts.environment);
  const written = cdk.synthesizeRecoveryTemplate({
    outdir: out,
    stackName: opts.stackName ?? `${recovery.environmentName}DisasterRecovery`,
    recovery,
  });
  if (opts.json) {
    console.log(JSON.stringify(written, null, 2));
    return;
  }
  console.error(`Stack ${written.stackName}
  template      ${written.templateFile}
  worker asset  ${written.assetDirectory} (bundle ${(written.workerBytes / 1024 / 1024).toFixed(2)} MiB)
Deploy: zip the asset directory's content, upload it as s3://BUCKET/${written.assetKey}, then
  aws cloudformation deploy --template-file ${written.templateFile} --stack-name ${written.stackName} \\
    --capabilities CAPABILITY_NAMED_IAM --s3-bucket BUCKET --parameter-overrides WorkerCodeS3Bucket=BUCKET
(--s3-bucket: the template is larger than CloudFormation takes inline; docs/deploy.md)`);
}

/**
 * @dynamo-dr/cdk with aws-cdk-lib: optional peers of the CLI (aws-cdk-lib is some 160 MB, needed by this
 * command only), loaded when it runs.
 */
async function loadCdk(): Promise<CdkPackage> {
  try {
    return await import('@dynamo-dr/cdk');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new DrError(`dynamo-dr synth needs @dynamo-dr/cdk, aws-cdk-lib and constructs: ${(error as Error).message}`, {
      hint: 'Install them beside dynamo-dr: npm install @dynamo-dr/cdk aws-cdk-lib constructs',
      cause: error,
    });
  }
}

/** `value` when it names a directory that does not exist yet or is empty: synth never mixes its files with others. */
async function assertNewDirectory(field: string, value: unknown): Promise<string> {
  const dir = assertPathSyntax(field, value);
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory()) throw new InputError(field, dir, 'is a file', 'Give a new or empty directory.');
  if (found && (await readdir(dir)).length > 0) {
    throw new InputError(
      field,
      dir,
      'is not empty',
      'Give a new or empty directory: synth writes all its files there.',
    );
  }
  return dir;
}
