import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { capacityOptions, commonOptions } from '../../shared/commonOptions.js';
import type { OptionsOf } from '../../shared/optionsOf.js';

/** Declares `dynamo-dr export` and its options. */
function declareExport(program: CommandUnknownOpts) {
  return capacityOptions(
    commonOptions(
      program
        .command('export')
        .description('Write a table as it was at a time (PITR), as it is now, or a backup, to a file with a manifest')
        .option('--table <name>', 'table to export')
        .option('--at <time>', 'ISO 8601 time with offset or Z, inside the restorable window (omit: the table now)')
        .option('--backup <arn>', 'export this on-demand backup instead of a table')
        .option('--out <file>', 'data file to write; its manifest goes to FILE.manifest.json')
        .option('--format <format>', 'dynamodb-json (default, lossless), jsonl or csv (both lossy)')
        .option('--force', 'replace an existing --out file')
        .option('--incident <id>', 'names the temporary table and journal entry; the same id resumes')
        .option('--keep-restored-table', 'keep the temporary restored table')
        .option('--segments <n>', 'parallel scan segments', '4')
        .option(
          '--via <via>',
          'file (default: a scan of a restore into --out) or s3 (ExportTableToPointInTime to --bucket)',
        )
        .option('--bucket <name>', 'with --via s3: the existing S3 bucket to export to')
        .option('--prefix <prefix>', 'with --via s3: the key prefix of the export in the bucket')
        .option('--dry-run', 'print the plan and change nothing'),
      { json: 'print the manifest (or plan) as one JSON document on stdout', stateDir: 'where run journals are kept' },
    ),
    { writes: false },
  );
}

/** Flags of `dynamo-dr export`, as commander parses them. */
export type ExportCommandOptions = OptionsOf<ReturnType<typeof declareExport>>;

/** Registers `dynamo-dr export` and `dynamo-dr export verify`; their modules load only when they run. */
export function registerExport(program: CommandUnknownOpts): void {
  const command = declareExport(program).action(async (opts) => (await import('./index.js')).exportTable(opts));
  command
    .command('verify <file>')
    .description(
      "Recompute an export's count, content digest and SHA-256 and compare them with its manifest; for an S3 export (its ARN or s3:// URI), each data file's MD5, ETag and item count",
    )
    .option('--json', 'print the verification as one JSON document on stdout')
    .option(
      '--against-table',
      "S3 export: also compare its digest with the source table's now (equal if not written since)",
    )
    // The parent's options (--json, --region, --endpoint-url ...) are recognised after the subcommand too.
    .action(async (file, _opts, cmd) => (await import('./index.js')).verifyExport(file, cmd.optsWithGlobals()));
}
