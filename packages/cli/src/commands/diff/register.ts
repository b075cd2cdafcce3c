import type { Command } from 'commander';

/** Registers `dynamo-dr diff`; its module loads only when it runs. */
export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description(
      "List items added, removed and changed between two tables or backups (e.g. what a restore's rollback threw away)",
    )
    .option('--incident <id>', "compare that restore's forensic backup (left) with the table now (right)")
    .option('--table <name>', 'with --incident: which table of the run')
    .option('--left <table-or-backup-arn>', 'left side: a table name or a backup ARN')
    .option('--right <table-or-backup-arn>', 'right side: a table name or a backup ARN')
    .option('--out <file>', 'the diff file to write (one change per line; restore-items --from-file reads it)')
    .option('--segments <n>', 'parallel scan segments per side', '4')
    .option('--json', 'print the summary as one JSON document on stdout')
    .option('--state-dir <dir>', 'where run journals are kept (to find the forensic backup)', '.dynamo-dr')
    .option('--region <region>', 'AWS region')
    .option('--profile <profile>', 'AWS profile')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. the sandbox); AWS_ENDPOINT_URL is honoured too')
    .action(async (opts) => (await import('./index.js')).diff(opts));
}
