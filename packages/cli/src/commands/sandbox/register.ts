import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { collect } from '../../shared/collect.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr sandbox` and its options. */
function declareSandbox(program: CommandUnknownOpts) {
  return program
    .command('sandbox')
    .description(
      'Run the local AWS sandbox (DynamoDB with PITR, backups and exports, S3, Lambda, IAM and STS, SSM, Step Functions, CloudFormation, CloudWatch, SNS, EventBridge) on 127.0.0.1',
    )
    .option('--port <port>', 'port to listen on', '4566')
    .option('--data-dir <dir>', 'keep tables, journal and backups here across restarts (default: in memory)')
    .option('--throttle <table=rate>', "throttle this share (0-1) of the table's requests (repeatable)", collect, [])
    .option('--write-capacity <table=wcu>', "cap the table's writes at WCU write units/s (repeatable)", collect, [])
    .option('--read-capacity <table=rcu>', "cap the table's reads at RCU read units/s (repeatable)", collect, [])
    .option('--latency <[table=][class:]min[-max]ms>', 'delay each request, e.g. 5-10ms (repeatable)', collect, [])
    .option(
      '--corrupt-restore <table=drop|alter[:key]>',
      "make the table's next restore drop or alter one item (KEY: its key as DynamoDB JSON; default the first item; repeatable)",
      collect,
      [],
    )
    .option(
      '--latest-restorable-lag-ms <ms>',
      'how far LatestRestorableDateTime trails now (AWS: ~300000, about 5 minutes)',
      '0',
    )
    .option('--restore-base-ms <ms>', 'how long every restored table stays CREATING at least', '100')
    .option('--restore-per-item-ms <ms>', 'extra CREATING time per restored item', '0')
    .option('--backup-create-ms <ms>', 'how long a new on-demand backup stays CREATING', '100')
    .option('--export-ms <ms>', 'how long an export to S3 stays IN_PROGRESS', '100')
    .option(
      '--min-incremental-export-period-ms <ms>',
      'the shortest incremental export period accepted (AWS: 900000, 15 minutes)',
      '900000',
    )
    .option(
      '--pitr-day-ms <ms>',
      "how long one day of a table's PITR recovery period lasts (AWS: 86400000); shorter to rehearse retention",
      '86400000',
    )
    .option(
      '--step-functions-time-scale <factor>',
      "state machines' Wait states and Retry pauses last this many times their duration (e.g. 0.01)",
    )
    .option(
      '--alarm-evaluation-ms <ms>',
      'how often CloudWatch alarms are evaluated (AWS: about every minute)',
      '60000',
    )
    .option(
      '--asset-dir <dir>',
      'CDK synth output (cdk.out) where CloudFormation finds Lambda code assets (repeatable)',
      collect,
      [],
    );
}

/** Flags of `dynamo-dr sandbox`, as commander parses them. */
export type SandboxCommandOptions = OptionsOf<ReturnType<typeof declareSandbox>>;

/** Registers `dynamo-dr sandbox`; its module loads only when it runs. */
export function registerSandbox(program: CommandUnknownOpts): void {
  declareSandbox(program).action(async (opts) => (await import('./index.js')).sandbox(opts));
}
