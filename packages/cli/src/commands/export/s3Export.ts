import {
  assertGiven,
  createDynamoDbClient,
  FileRunJournal,
  InputError,
  planS3Export,
  runS3Export,
  verifyS3Export,
  type S3ExportPlan,
  type S3ExportResult,
} from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';
import { awsOptions } from '../../shared/commonOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import type { ExportCommandOptions } from './register.js';

/** `dynamo-dr export --via s3`: a full export by ExportTableToPointInTime, polled, journaled, resumable. */
export async function exportToS3(opts: ExportCommandOptions): Promise<void> {
  assertS3Flags(opts);
  const tableName = assertGiven('--table', opts.table, 'Name the table to export: --table <name>.');
  const bucket = assertGiven('--bucket', opts.bucket, 'Name the S3 bucket to export to: --bucket <name>.');
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const aws = awsOptions(opts);
  const dynamodb = createDynamoDbClient(aws);
  const plan = await planS3Export(dynamodb, aws, journal, {
    tableName,
    bucket,
    ...(opts.prefix !== undefined && { prefix: opts.prefix }),
    ...(opts.at !== undefined && { at: opts.at }),
    ...(opts.incident !== undefined && { incidentId: opts.incident }),
  });
  if (opts.dryRun) {
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan }, null, 2));
    else console.error(formatPlan(plan));
    return;
  }
  if (!opts.json) console.error(formatPlan(plan));
  const started = Date.now();
  const result = await runS3Export({ dynamodb, aws, journal, startedBy: startedBy() }, plan, {
    onStatus: (state) => {
      if (!opts.json && state.status === 'IN_PROGRESS') {
        console.error(`  ${state.exportArn}: IN_PROGRESS (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    },
  });
  if (opts.json) console.log(JSON.stringify(result, null, 2));
  else console.error(formatResult(result));
}

/** `dynamo-dr export verify <export ARN | s3:// URI>`: exit 0 when the export matches its manifests, 1 naming each file that does not. */
export async function verifyS3ExportCommand(
  exportRef: string,
  opts: ExportCommandOptions & { readonly againstTable?: boolean },
): Promise<void> {
  const aws = awsOptions(opts);
  const dynamodb = createDynamoDbClient(aws);
  const verification = await verifyS3Export(
    exportRef,
    { dynamodb, aws, againstTable: opts.againstTable ?? false },
    'EXPORT',
  );
  if (opts.json) console.log(JSON.stringify(verification, null, 2));
  if (!verification.ok) {
    throw new ExitError(
      1,
      `${exportRef} does not match its manifests:\n${verification.differences.map((d) => `  - ${d}`).join('\n')}`,
    );
  }
  if (!opts.json) {
    const { actual, files, table } = verification;
    const digest = actual.digest ? `, content digest ${actual.digest}` : '';
    const against = table ? `; the table ${table.tableName} holds the same (${table.count} item(s))` : '';
    console.error(
      `${exportRef} matches its manifests: ${files.length} data file(s), ${actual.itemCount} item(s)${digest}${against}.`,
    );
  }
}

/** The flags of a file export mean nothing to an export to S3. */
function assertS3Flags(opts: ExportCommandOptions): void {
  const fileOnly = {
    '--out': opts.out,
    '--format': opts.format,
    '--force': opts.force,
    '--backup': opts.backup,
    '--keep-restored-table': opts.keepRestoredTable,
    '--max-read-units': opts.maxReadUnits,
  };
  for (const [flag, value] of Object.entries(fileOnly)) {
    if (value === undefined) continue;
    throw new InputError(
      flag,
      value,
      'cannot be combined with --via s3',
      'An export to S3 writes AWS-managed files to --bucket and reads no table capacity: leave it out, or leave --via s3 out.',
    );
  }
}

function formatPlan(plan: S3ExportPlan): string {
  const window = `${plan.restorableWindow.earliest} to ${plan.restorableWindow.latest}`;
  return [
    `Export ${plan.tableName} as it was at ${plan.exportTime} (restorable window ${window})`,
    `  to s3://${plan.bucket}/${plan.prefix ? `${plan.prefix.replace(/\/?$/, '/')}` : ''}AWSDynamoDB/ (ExportTableToPointInTime, FULL_EXPORT, DYNAMODB_JSON; no read capacity used)`,
    `  journal entry ${plan.incidentId} (the same --incident attaches to this export)`,
  ].join('\n');
}

function formatResult(result: S3ExportResult): string {
  return [
    `${result.attached ? 'Attached to' : 'Exported'} ${result.exportArn}: ${result.itemCount} item(s) at ${result.exportTime}`,
    `  manifest ${result.manifestUri}`,
    `  (check it with: dynamo-dr export verify ${result.manifestUri})`,
  ].join('\n');
}
