import { Command } from 'commander';
import type { SandboxCommandOptions } from './commands/sandbox/index.js';

/**
 * Registers every command; each command's module is loaded only when it runs.
 */
export function buildProgram(): Command {
  const program = new Command('dynamo-dr')
    .description('Disaster recovery for Amazon DynamoDB')
    .exitOverride()
    .showHelpAfterError();

  program
    .command('sandbox')
    .description('Run the local AWS sandbox (DynamoDB with PITR and backups, Lambda, SSM) on 127.0.0.1')
    .option('--port <port>', 'port to listen on', '4566')
    .option('--data-dir <dir>', 'keep tables, journal and backups here across restarts (default: in memory)')
    .option('--throttle <table=rate>', "throttle this share (0-1) of the table's requests (repeatable)", collect, [])
    .option('--write-capacity <table=wcu>', "cap the table's writes at WCU write units/s (repeatable)", collect, [])
    .option('--read-capacity <table=rcu>', "cap the table's reads at RCU read units/s (repeatable)", collect, [])
    .action(async (opts: SandboxCommandOptions) => (await import('./commands/sandbox/index.js')).sandbox(opts));

  registerRecoveryMode(program);

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
