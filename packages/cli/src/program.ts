import { Command } from 'commander';

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
    .action(async (opts: { port: string; dataDir?: string }) =>
      (await import('./commands/sandbox/index.js')).sandbox(opts),
    );

  return program;
}
