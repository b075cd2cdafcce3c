import {
  assertGiven,
  assertName,
  createDynamoDbClient,
  restoreNames,
  tableNameRule,
  FileRunJournal,
  InputError,
  loadConfig,
  planExportItems,
  planFileItems,
  planPointInTimeItems,
  runRestoreItems,
  type RestoreItemsPlan,
  type WriteGuard,
} from '@dynamo-dr/core';
import { userMessage } from '../../fieldFlags.js';
import { confirmTableNames } from '../../shared/confirmTableNames.js';
import { progressBars } from '../../shared/progressBars.js';
import { awsOptions } from '../../shared/commonOptions.js';
import { startedBy } from '../../shared/startedBy.js';
import { tableSettings, type ResolvedTable } from '../../shared/tableSettings.js';
import { describeGuards, writeGuards } from '../../shared/writeGuards.js';
import { formatItemsResult, formatPreview } from './formatItemsResult.js';
import type { RestoreItemsCommandOptions } from './register.js';

/**
 * `dynamo-dr restore-items`: validates everything, shows the plan, writes the
 * selected items through the sync engine and verifies them. Thin over core's
 * planPointInTimeItems / planFileItems and runRestoreItems.
 */
export async function restoreItems(opts: RestoreItemsCommandOptions): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const table = assertGiven('--table', opts.table, 'Name the live table to write into: --table <name>.');
  const [resolved] = tableSettings({ ...opts, table: [table] }, config) as [ResolvedTable];
  const { settings } = resolved;
  const tableName = settings.tableName;
  assertSourceFlags(opts);
  // The names are checked before the confirmation is asked for.
  const fromItems = opts.fromFile ?? opts.fromExport;
  if (fromItems === undefined) restoreNames(tableName, opts.incident!);
  else assertName(tableNameRule, '--table', tableName);
  const [confirmation = ''] = await confirmTableNames(
    opts.confirm === undefined ? [] : [opts.confirm],
    [tableName],
    (name) => `This writes restored items into ${name}`,
  );
  const aws = awsOptions(opts, config?.region);
  const dynamodb = createDynamoDbClient(aws);
  const choices = { overwriteChanged: opts.overwriteChanged ?? false, deleteMissing: opts.deleteMissing ?? false };
  const fromItemsRequest = {
    tableName,
    confirmation,
    segments: settings.segments,
    sensitive: settings.sensitive,
    maxWriteUnitsPerSecond: settings.maxWriteUnitsPerSecond,
    maxReadUnitsPerSecond: settings.maxReadUnitsPerSecond,
    ...choices,
  };
  const plan: RestoreItemsPlan = opts.fromExport
    ? await planExportItems(dynamodb, aws, {
        ...fromItemsRequest,
        export: opts.fromExport,
        ...(opts.where !== undefined && { selection: { where: opts.where, values: opts.values, names: opts.names } }),
      })
    : opts.fromFile
      ? await planFileItems(dynamodb, { ...fromItemsRequest, file: opts.fromFile })
      : await planPointInTimeItems(dynamodb, journal, {
          settings,
          incidentId: opts.incident!,
          pitrBackupTime: opts.to!,
          confirmation,
          selection: { where: opts.where!, values: opts.values, names: opts.names },
          ...choices,
        });

  const guard = () => writeGuards([resolved], config, aws, opts.allowLiveWrites ?? false);
  let writes: { allowed: WriteGuard[] } | { refused: string } | undefined;
  if (opts.dryRun) {
    // A dry run also says whether a real run would be allowed to write now, without refusing.
    writes = await guard().then(
      (allowed) => ({ allowed }),
      (error: Error) => ({ refused: userMessage(error) }),
    );
  }
  // On a terminal, a point-in-time run shows the restore command's live bar (phase, items/s, ETA).
  const progress =
    process.stderr.isTTY && !opts.json && plan.source === 'point-in-time' ? progressBars([plan]) : undefined;
  const context = { dynamodb, aws, journal, startedBy: startedBy(), onProgress: progress?.onProgress };
  const result = await runRestoreItems(context, plan, {
    dryRun: opts.dryRun,
    assertWritesAllowed: async () => {
      writes = { allowed: await guard() };
    },
    onPreview: (preview) => {
      if (!opts.json) console.error(formatPreview(plan, preview));
    },
  }).finally(() => progress?.stop());
  if (opts.json) {
    console.log(JSON.stringify({ ...result, writes }, jsonSafe, 2));
    return;
  }
  if (writes) console.error(describeWrites(writes));
  console.error(formatItemsResult(result, journal.stateDir));
}

/** A file replaces the restore: the flags of one source cannot be mixed with the other's. */
function assertSourceFlags(opts: RestoreItemsCommandOptions): void {
  if (opts.fromFile !== undefined && opts.fromExport !== undefined) {
    throw new InputError(
      '--from-export',
      opts.fromExport,
      'cannot be combined with --from-file',
      'Restore from one source at a time: the file, or the export.',
    );
  }
  const source = opts.fromFile !== undefined ? '--from-file' : '--from-export';
  if (opts.fromFile !== undefined || opts.fromExport !== undefined) {
    const selection = { '--where': opts.where, '--values': opts.values, '--names': opts.names };
    // An export's items can be filtered (DynamoDB evaluates --where on the export imported into a table).
    if (source === '--from-export' && opts.where === undefined) {
      for (const [flag, value] of Object.entries(selection)) {
        if (value !== undefined) {
          throw new InputError(
            flag,
            value,
            'needs --where',
            'Add the --where condition that uses it, or leave it out.',
          );
        }
      }
    }
    for (const [flag, value] of Object.entries({
      '--to': opts.to,
      '--incident': opts.incident,
      ...(source === '--from-file' && selection),
    })) {
      if (value !== undefined) {
        throw new InputError(
          flag,
          value,
          `cannot be combined with ${source}`,
          `The ${source === '--from-file' ? 'file' : 'export'} says which items to write; leave it out, or leave ${source} out.`,
        );
      }
    }
    return;
  }
  const required = {
    '--to': [opts.to, 'Give the time to restore items from, e.g. --to 2026-02-15T10:30:00Z.'],
    '--incident': [opts.incident, 'Give the incident id, e.g. --incident incident-2026-001.'],
    '--where': [
      opts.where,
      'Say which items, e.g. --where "begins_with(pk, :rule)" --values \'{":rule": "rule#MD-001"}\'.',
    ],
  } as const;
  for (const [flag, [value, hint]] of Object.entries(required)) {
    if (!value) throw new InputError(flag, null, 'is required (or --from-file, --from-export)', hint);
  }
}

function describeWrites(writes: { allowed: WriteGuard[] } | { refused: string }): string {
  return 'refused' in writes
    ? `Writes: a real run would be refused now: ${writes.refused}`
    : `Writes: ${describeGuards(writes.allowed)}`;
}

/** Binary values (Uint8Array) print as base64, as the AWS CLI shows them. */
function jsonSafe(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
}
