import {
  assertGiven,
  createDynamoDbClient,
  FileRunJournal,
  InputError,
  defaultRestoreSettings,
  parseSegmentCount,
  planExport,
  runExport,
  verifyItemFile,
  type ExportPlan,
  type ItemFileManifest,
} from '@dynamo-dr/core';
import { awsOptions } from '../../shared/commonOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import { capacityCaps } from '../../shared/tableSettings.js';
import { ExitError } from '../../exitError.js';
import type { ExportCommandOptions } from './register.js';

/** `dynamo-dr export`: validates, then restores (if needed), streams the items to the file, cleans up. */
export async function exportTable(opts: ExportCommandOptions): Promise<void> {
  if (opts.via === 's3') return (await import('./s3Export.js')).exportToS3(opts);
  assertFileFlags(opts);
  assertGiven('--out', opts.out, 'Give the file to write, e.g. --out audit.json.');
  const segments = parseSegmentCount('--segments', opts.segments, defaultRestoreSettings.segments);
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const aws = awsOptions(opts);
  const dynamodb = createDynamoDbClient(aws);
  const plan = await planExport(dynamodb, {
    tableName: opts.table,
    at: opts.at,
    backupArn: opts.backup,
    out: opts.out!,
    format: opts.format,
    force: opts.force,
    incidentId: opts.incident,
    keepRestoredTable: opts.keepRestoredTable,
    segments,
    ...capacityCaps(opts),
  });
  if (opts.dryRun) {
    if (opts.json) console.log(JSON.stringify({ dryRun: true, plan }, null, 2));
    else console.error(formatPlan(plan));
    return;
  }
  if (!opts.json) console.error(formatPlan(plan));
  const progress = process.stderr.isTTY ? itemCounter() : undefined;
  let manifest: ItemFileManifest;
  try {
    manifest = await runExport({ dynamodb, aws, journal, startedBy: startedBy(), onItems: progress?.add }, plan);
  } finally {
    progress?.stop();
  }
  if (opts.json) console.log(JSON.stringify(manifest, null, 2));
  else console.error(formatManifest(plan.out, manifest));
}

/** `dynamo-dr export verify FILE`: exit 0 when the file matches its manifest, 1 with each difference. */
export async function verifyExport(
  file: string,
  opts: ExportCommandOptions & { readonly againstTable?: boolean },
): Promise<void> {
  if (/^(s3:\/\/|arn:)/.test(file)) return (await import('./s3Export.js')).verifyS3ExportCommand(file, opts);
  const verification = await verifyItemFile(file);
  if (opts.json) console.log(JSON.stringify(verification, null, 2));
  const { manifest, actual } = verification;
  if (!verification.ok) {
    throw new ExitError(
      1,
      `${file} does not match its manifest:\n${verification.differences.map((d) => `  - ${d}`).join('\n')}`,
    );
  }
  if (!opts.json) {
    const digest = actual.digest
      ? `content digest ${actual.digest}`
      : `content digest not recomputable (${manifest.format} is lossy)`;
    console.error(`${file} matches its manifest: ${actual.itemCount} item(s), ${digest}, SHA-256 ${actual.sha256}.`);
  }
}

/** `--via` is file or s3; the S3 flags need `--via s3`. */
function assertFileFlags(opts: ExportCommandOptions): void {
  if (opts.via !== undefined && opts.via !== 'file') {
    throw new InputError('--via', opts.via, 'is not a way to export', 'Use --via file (the default) or --via s3.');
  }
  for (const [flag, value] of Object.entries({ '--bucket': opts.bucket, '--prefix': opts.prefix })) {
    if (value !== undefined) {
      throw new InputError(flag, value, 'needs --via s3', 'Add --via s3 to export to S3, or leave it out.');
    }
  }
}

function formatPlan(plan: ExportPlan): string {
  const source = plan.source;
  const from =
    source.kind === 'pitr'
      ? `${source.tableName} as it was at ${source.restoreTime} (restorable window ${source.restorableWindow.earliest} to ${source.restorableWindow.latest})`
      : source.kind === 'backup'
        ? `backup ${source.backupArn} of ${source.tableName}, taken ${source.backupCreatedAt}`
        : `${source.tableName} as it is now (a live scan, not a point-in-time snapshot)`;
  const lines = [
    `Export ${from}`,
    `  to ${plan.out} (${plan.format}${plan.format === 'dynamodb-json' ? '' : ', lossy'})`,
  ];
  if (plan.restore) {
    lines.push(
      `  through the temporary table ${plan.restore.restoredTableName} (${plan.restore.keepRestoredTable ? 'kept' : 'deleted'} afterwards; journal entry ${plan.restore.incidentId})`,
    );
  }
  return lines.join('\n');
}

function formatManifest(out: string, manifest: ItemFileManifest): string {
  return [
    `Wrote ${manifest.itemCount} item(s) to ${out}`,
    `  content digest ${manifest.digest}`,
    `  SHA-256 ${manifest.sha256}`,
    `  manifest ${out}.manifest.json (check later with: dynamo-dr export verify ${out})`,
  ].join('\n');
}

/** A one-line item counter on the terminal. */
function itemCounter(): { add: (count: number) => void; stop: () => void } {
  let total = 0;
  let shown = 0;
  return {
    add: (count) => {
      total += count;
      if (Date.now() - shown < 200) return;
      shown = Date.now();
      process.stderr.write(`\r  ${total} item(s) written`);
    },
    stop: () => process.stderr.write(`\r  ${total} item(s) written\n`),
  };
}
