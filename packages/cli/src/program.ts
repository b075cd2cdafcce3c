import { Command, Option } from 'commander';
import type { SandboxCommandOptions } from './commands/sandbox/index.js';
import { registerRestoreItems } from './commands/restore-items/register.js';
import { registerDiff } from './commands/diff/register.js';
import { registerExport } from './commands/export/register.js';
import { registerRestoreAs } from './commands/restore-as/register.js';
import { registerPitr } from './commands/pitr/register.js';
import { registerCheck } from './commands/check/register.js';
import { registerCost } from './commands/cost/register.js';
import { registerReport } from './commands/report/register.js';
import { registerSynth } from './commands/synth/register.js';
import { registerDeploy } from './commands/deploy/register.js';
import { executorOption } from './commands/restore/executorOption.js';
import { CLI_VERSION } from './cliVersion.js';

/**
 * Registers every command; each command's module is loaded only when it runs.
 */
export function buildProgram(): Command {
  const program = new Command('dynamo-dr')
    .description('Disaster recovery for Amazon DynamoDB')
    .version(CLI_VERSION)
    .option('--debug', 'print the whole error (stack trace, AWS details) when a command fails')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .showHelpAfterError();
  // Every command's --region, --profile and --endpoint-url are checked before it runs, as the AWS CLI does.
  program.hook('preAction', async (_program, action) => {
    const { region, profile, endpointUrl } = action.opts<{ region?: string; profile?: string; endpointUrl?: string }>();
    // Loaded here, not at startup: `--help` and `--version` need none of core.
    const { assertAwsOptions } = await import('@dynamo-dr/core');
    await assertAwsOptions({ region, profile, endpoint: endpointUrl });
  });

  program
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
    )
    .action(async (opts: SandboxCommandOptions) => (await import('./commands/sandbox/index.js')).sandbox(opts));

  program
    .command('restore')
    .description('Roll tables back in place to a point in time (forensic backup, PITR restore, sync, verify)')
    .option('--table <name>', 'table to restore (physical or configured name; repeat for several)', collect, [])
    .option('--to <time>', 'ISO 8601 time with offset or Z, inside the restorable window')
    .option('--incident <id>', 'incident id (letters, digits, hyphens): names the backup and temporary table')
    .option('--confirm <name>', 'the exact table name, case included (repeat per table)', collect, [])
    .addOption(
      new Option('--mode <mode>', 'delta: write only differences; reset: delete all, then copy').choices([
        'delta',
        'reset',
      ]),
    )
    .option('--keep-restored-table', 'keep the temporary restored table after verification')
    .option('--segments <n>', 'parallel scan segments of the sync')
    .option('--restore-deadline <minutes>', 'how long the backup and PITR restore may take')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--json', 'print one JSON document on stdout')
    .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
    .option(
      '--environment <name>',
      "the tables' environment: looked up there in the configuration; without one, the recovery-mode environment (ENV-* functions)",
    )
    .option('--state-dir <dir>', 'where run journals and locks are kept', '.dynamo-dr')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .option('--allow-live-writes', 'write even though the environment is not in recovery mode')
    .addOption(executorOption())
    .action(async (opts) => (await import('./commands/restore/index.js')).restore(opts));

  const runs = program.command('runs').description('Recorded recovery runs: list, show, unlock');
  const stateDir = ['--state-dir <dir>', 'where run journals and locks are kept', '.dynamo-dr'] as const;
  runs
    .command('list', { isDefault: true })
    .description(
      "List runs, newest first, and held locks; with a configured deployment, the stack's runs and executions too",
    )
    .option(...stateDir)
    .option('--json', 'print one JSON document on stdout')
    .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
    .option('--environment <name>', "only this environment's deployed stack")
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .action(async (opts) => (await import('./commands/runs/index.js')).listRuns(opts));
  runs
    .command('show <id>')
    .description('Show one run: inputs, plan, phase timings (RTO), counts, result')
    .option(...stateDir)
    .option('--json', 'print one JSON document on stdout')
    .action(async (id: string, opts) => (await import('./commands/runs/index.js')).showRun(id, opts));
  runs
    .command('unlock')
    .description('Clear a stale recovery lock of a table (only when no recovery of it is running)')
    .option('--table <name>', 'the locked table')
    .option(...stateDir)
    .action(async (opts) => (await import('./commands/runs/index.js')).unlockTable(opts));

  program
    .command('demo')
    .description('Run the whole recovery on a local sandbox: sample tables, an incident, the restore, the RTO')
    .option('--json', 'print one JSON document on stdout')
    .addOption(executorOption('in-process; step-functions deploys the stack into the sandbox first'))
    .action(async (opts) => (await import('./commands/demo/index.js')).demo(opts));

  registerRecoveryMode(program);
  registerRestoreItems(program);
  registerDiff(program);
  registerExport(program);
  registerRestoreAs(program);
  registerPitr(program);
  registerCheck(program);
  registerCost(program);
  registerReport(program);
  registerSynth(program);
  registerDeploy(program);

  return program;
}

function registerRecoveryMode(program: Command): void {
  const recoveryMode = program
    .command('recovery-mode')
    .description('Stop the application writing while tables are restored, then give back exactly what it had');
  const actions = {
    start: "save each function's reserved concurrency and mapping state, then throttle to 0 and disable mappings",
    end: 'give back exactly what start saved, then delete the saved state',
    status: 'show which functions and mappings are held, since when, by whom',
  } as const;
  for (const [action, description] of Object.entries(actions) as [keyof typeof actions, string][]) {
    const command = recoveryMode
      .command(action)
      .description(description)
      .requiredOption('--environment <name>', 'environment (configuration name, or the function name prefix ENV-)')
      .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
      .option('--json', 'print one JSON document on stdout')
      .option('--region <region>', 'AWS Region')
      .option('--profile <profile>', 'AWS profile')
      .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox)');
    if (action !== 'status') {
      command
        .option('--dry-run', 'show what would change; change nothing')
        .option('--yes', 'confirm a production environment without asking');
    }
    if (action === 'start')
      command.option('--operator <name>', 'who starts it (default: $DYNAMO_DR_OPERATOR, else the OS user)');
    command.action(async (opts) => (await import('./commands/recovery-mode/index.js')).recoveryMode(action, opts));
  }
}

/** Commander argument parser for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
