import { DrError, InputError, type DrConfig } from '@dynamo-dr/core';
import type * as cdkPackage from '@dynamo-dr/cdk';
import type { SynthesizedRecoveryTemplate } from '@dynamo-dr/cdk';

type CdkPackage = typeof cdkPackage;

/** CloudFormation stack names (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html). */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** What `synth` and `deploy` synthesize: the template and asset, and the environment they recover. */
export interface ConfiguredStack extends SynthesizedRecoveryTemplate {
  readonly environmentName: string;
}

/**
 * The stack the CDK construct makes for an environment of the configuration, synthesized into `out` (`dynamo-dr
 * synth`, `dynamo-dr deploy`). The stack is named by `--stack-name`, else the environment's `deployment.stackName`,
 * else `{environment}DisasterRecovery`. Everything is checked before anything is written.
 */
export async function synthesizeConfiguredStack(
  config: DrConfig,
  flags: { readonly environment?: string; readonly stackName?: string; readonly out: string },
): Promise<ConfiguredStack> {
  if (flags.stackName !== undefined && !STACK_NAME.test(flags.stackName)) {
    throw new InputError(
      '--stack-name',
      flags.stackName,
      'is not a CloudFormation stack name',
      'Use a letter, then up to 127 letters, digits or hyphens.',
    );
  }
  const cdk = await loadCdk();
  const recovery = cdk.disasterRecoveryPropsFromConfig(config, flags.environment);
  const environmentName = recovery.environmentName;
  const written = cdk.synthesizeRecoveryTemplate({
    outdir: flags.out,
    stackName:
      flags.stackName ??
      config.environments[environmentName]?.deployment?.stackName ??
      `${environmentName}DisasterRecovery`,
    recovery,
  });
  return { ...written, environmentName };
}

/**
 * @dynamo-dr/cdk with aws-cdk-lib: optional peers of the CLI (aws-cdk-lib is some 160 MB, needed by synth and
 * deploy only), loaded when they run.
 */
async function loadCdk(): Promise<CdkPackage> {
  try {
    return await import('@dynamo-dr/cdk');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new DrError(
      `dynamo-dr synth and deploy need @dynamo-dr/cdk, aws-cdk-lib and constructs: ${(error as Error).message}`,
      {
        hint: 'Install them beside dynamo-dr: npm install @dynamo-dr/cdk aws-cdk-lib constructs',
        cause: error,
      },
    );
  }
}
