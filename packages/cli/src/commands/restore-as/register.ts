import type { Command } from 'commander';

/** Registers `dynamo-dr restore-as`; its module loads only when it runs. */
export function registerRestoreAs(program: Command): void {
  program
    .command('restore-as')
    .description('Restore a table at a time into a new table, re-apply its settings, and switch the app to it')
    .option('--table <name>', 'table to restore')
    .option('--to <time>', 'ISO 8601 time with offset or Z, inside the restorable window')
    .option('--target <name>', 'the new table (must not exist)')
    .option('--switch-parameter <name>', 'SSM parameter the application reads its table name from')
    .option('--rollback', 'put back the value --switch-parameter had before restore-as switched it')
    .option(
      '--incident <id>',
      'names the journal entry restore-as-<id> (default: generated, printed); the same id resumes',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .option('--json', 'print one JSON document on stdout')
    .option('--state-dir <dir>', 'where run journals are kept', '.dynamo-dr')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .action(async (opts) => (await import('./index.js')).restoreAs(opts));
}
