import type { Command } from 'commander';

/** Registers `dynamo-dr check`; its module loads only when it runs. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'Run the backup checklist on the configured tables: PITR, window, lag, deletion protection, workflow, alarms, drills, recovery mode (exit 1 when an item fails)',
    )
    .option('--environment <name>', 'check this environment of the configuration (default: every one)')
    .option(
      '--test-alarms',
      'first set each alarm to ALARM and back (its notification goes out), so that the check sees it tested',
    )
    .option('--out <file>', 'also write the report as Markdown to this file (replaced if it exists)')
    .option('--json', 'print the report as one JSON document on stdout')
    .option('--config <file>', 'configuration file (default: ./dynamo-dr.config.json if present)')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .action(async (opts) => (await import('./index.js')).check(opts));
}
