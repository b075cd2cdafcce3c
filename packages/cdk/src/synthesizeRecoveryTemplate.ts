import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';
import { DisasterRecoveryStack } from './disasterRecoveryStack.js';
import { TemplateAssetSynthesizer } from './templateAssetSynthesizer.js';
import { workerBundle } from './worker/workerBundle.js';

/** What {@link synthesizeRecoveryTemplate} wrote. */
export interface SynthesizedRecoveryTemplate {
  readonly stackName: string;
  /** The CloudFormation template (JSON), an absolute path. */
  readonly templateFile: string;
  /** The worker's code, an absolute path: zip this directory's content and upload it where the template's parameters say. */
  readonly assetDirectory: string;
  /** The S3 key the template expects the zip under by default (parameter `WorkerCodeS3Key`). */
  readonly assetKey: string;
  /** The size of the worker's bundle (`index.mjs`), in bytes. */
  readonly workerBytes: number;
}

/**
 * Synthesizes {@link DisasterRecoveryStack} into `outdir` as a plain CloudFormation template and the worker's
 * asset directory (`dynamo-dr synth`), for `aws cloudformation deploy` or Terraform's `aws_cloudformation_stack`.
 *
 * @example
 * const out = synthesizeRecoveryTemplate({ outdir: 'dr-template', stackName: 'ProdDisasterRecovery', recovery });
 * console.log(out.templateFile); // dr-template/ProdDisasterRecovery.template.json
 */
export function synthesizeRecoveryTemplate(options: {
  readonly outdir: string;
  readonly stackName: string;
  readonly recovery: DisasterRecoveryProps;
}): SynthesizedRecoveryTemplate {
  const app = new App({ outdir: options.outdir });
  const stack = new DisasterRecoveryStack(app, options.stackName, {
    recovery: options.recovery,
    synthesizer: new TemplateAssetSynthesizer(),
  });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  const assetKey = String(artifact.template.Parameters.WorkerCodeS3Key.Default);
  const hash = path.basename(assetKey, '.zip');
  return {
    stackName: stack.stackName,
    templateFile: path.resolve(artifact.templateFullPath),
    assetDirectory: path.resolve(assembly.directory, `asset.${hash}`),
    assetKey,
    workerBytes: workerBundle().bytes,
  };
}
