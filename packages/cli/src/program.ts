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

  return program;
}

/** Commander argument parser for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
