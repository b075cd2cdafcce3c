import type { Command } from 'commander';

/** Registers `dynamo-dr deploy`; its module (and with it @dynamo-dr/cdk and aws-cdk-lib) loads only when it runs. */
export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('Synthesize the recovery stack and create or update it through a CloudFormation change set')
    .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
    .option('--environment <name>', "the configuration's environment whose tables it recovers (required if several)")
    .option('--stack-name <name>', 'the stack name (default: deployment.stackName, else {environment}DisasterRecovery)')
    .option('--s3-bucket <bucket>', "bucket for the worker's code and the template (default: deployment.s3Bucket)")
    .option('--dry-run', "print the change set's changes, execute nothing, delete the change set")
    .option('--json', 'print the result as one JSON document on stdout')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .action(async (opts) => (await import('./index.js')).deploy(opts));
}
