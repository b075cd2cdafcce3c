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
    .option(
      '--latest-restorable-lag-ms <ms>',
      'how far LatestRestorableDateTime trails now (AWS: ~300000, about 5 minutes)',
      '0',
    )
    .option('--restore-base-ms <ms>', 'how long every restored table stays CREATING at least', '100')
    .option('--restore-per-item-ms <ms>', 'extra CREATING time per restored item', '0')
    .option('--backup-create-ms <ms>', 'how long a new on-demand backup stays CREATING', '100')
    .action(async (opts: SandboxCommandOptions) => (await import('./commands/sandbox/index.js')).sandbox(opts));

  return program;
}
