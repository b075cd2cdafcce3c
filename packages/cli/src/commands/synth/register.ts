import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr synth` and its options. */
function declareSynth(program: CommandUnknownOpts) {
  return commonOptions(
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
  );
}

/** Flags of `dynamo-dr synth`, as commander parses them. */
export type SynthCommandOptions = OptionsOf<ReturnType<typeof declareSynth>>;

/** Registers `dynamo-dr synth`; its module (and with it @dynamo-dr/cdk and aws-cdk-lib) loads only when it runs. */
export function registerSynth(program: CommandUnknownOpts): void {
  declareSynth(program).action(async (opts) => (await import('./index.js')).synth(opts));
}
