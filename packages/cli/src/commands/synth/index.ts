import { readdir, stat } from 'node:fs/promises';
import { assertPathSyntax, InputError, loadConfig, requireConfig } from '@dynamo-dr/core';
import { synthesizeConfiguredStack } from '../../shared/synthesizeConfiguredStack.js';
import type { SynthCommandOptions } from './register.js';

/**
 * `dynamo-dr synth`: the stack the CDK construct makes for the configuration's environment, as a template and
 * its worker asset in `--out`. Everything is checked before anything is written.
 */
export async function synth(opts: SynthCommandOptions): Promise<void> {
  const out = await assertNewDirectory('--out', opts.out);
  const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
  const written = await synthesizeConfiguredStack(config, { ...opts, out });
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
