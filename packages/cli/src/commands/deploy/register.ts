import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr deploy` and its options. */
function declareDeploy(program: CommandUnknownOpts) {
  return commonOptions(
    program
      .command('deploy')
      .description('Synthesize the recovery stack and create or update it through a CloudFormation change set')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
      .option('--environment <name>', "the configuration's environment whose tables it recovers (required if several)")
      .option(
        '--stack-name <name>',
        'the stack name (default: deployment.stackName, else {environment}DisasterRecovery)',
      )
      .option('--s3-bucket <bucket>', "bucket for the worker's code and the template (default: deployment.s3Bucket)")
      .option('--dry-run', "print the change set's changes, execute nothing, delete the change set"),
    { json: 'print the result as one JSON document on stdout' },
  );
}

/** Flags of `dynamo-dr deploy`, as commander parses them. */
export type DeployCommandOptions = OptionsOf<ReturnType<typeof declareDeploy>>;

/** Registers `dynamo-dr deploy`; its module (and with it @dynamo-dr/cdk and aws-cdk-lib) loads only when it runs. */
export function registerDeploy(program: CommandUnknownOpts): void {
  declareDeploy(program).action(async (opts) => (await import('./index.js')).deploy(opts));
}
