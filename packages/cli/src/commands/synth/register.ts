import type { Command } from 'commander';
import { commonOptions } from '../../shared/commonOptions.js';

/** Registers `dynamo-dr synth`; its module (and with it @dynamo-dr/cdk and aws-cdk-lib) loads only when it runs. */
export function registerSynth(program: Command): void {
  commonOptions(
    program
      .command('synth')
      .description(
        'Write the recovery stack as a CloudFormation template plus its Lambda asset (for teams without CDK)',
      )
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
      .option('--environment <name>', "the configuration's environment whose tables it recovers (required if several)")
      .option('--stack-name <name>', 'the stack name (default: {environment}DisasterRecovery)')
      .option('--out <dir>', 'a new or empty directory for the template and the asset'),
    { json: 'print what was written as one JSON document on stdout', aws: false },
  ).action(async (opts) => (await import('./index.js')).synth(opts));
}
