import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';
import { readItemFileManifest } from '../itemFile/itemFileManifest.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import { assertNotLocked } from '../journal/recoveryLock.js';
import type { RunJournal } from '../journal/runJournal.js';
import { assertConfirmation, planTableRestore } from '../restore/planTableRestore.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import { assertIncidentMatches } from '../runs/tableRun.js';
import { runOfKind } from '../runs/tableRun.js';
import type { RestoreItemsRun } from './restoreItemsRun.js';
import { assertSelectionAccepted } from './assertSelectionAccepted.js';
import { countFileSelection, detectItemSourceFormat } from './fileSelection.js';
import { parseItemSelection, type ItemSelectionInput } from './itemSelection.js';
import { assertName } from '../validation/assertName.js';
import { tableNameRule } from '../validation/nameRules.js';
import type { FileItemsPlan, PointInTimeItemsPlan, RestoreItemsChoices } from './restoreItemsPlan.js';
import { targetKeys } from './targetKeys.js';

/** A selective restore from the table's own point-in-time recovery. */
export interface PointInTimeItemsRequest extends RestoreItemsChoices {
  readonly settings: TableRestoreSettings;
  readonly incidentId: string;
  readonly pitrBackupTime: string;
  readonly confirmation: string;
  readonly selection: ItemSelectionInput;
}

/**
 * Validates a selective point-in-time restore and returns its plan; reads
 * only. In order: the selection's JSON and placeholders, the incident id, the
 * time's form, the confirmation, the table and its restorable window, then
 * DynamoDB's own parse of the expression (a one-item Scan of the live table),
 * then the journal (the incident not used by another command, time or
 * selection; no other recovery holding the table).
 *
 * @example
 * const plan = await planPointInTimeItems(ddb, journal, {
 *   settings, incidentId: 'inc-7', pitrBackupTime: '2026-02-15T10:30:00Z', confirmation: 'fp-events',
 *   selection: { where: 'begins_with(pk, :rule)', values: '{":rule": "rule#MD-001"}' },
 *   overwriteChanged: false, deleteMissing: false,
 * });
 */
export async function planPointInTimeItems(
  client: DynamoDBClient,
  journal: RunJournal,
  request: PointInTimeItemsRequest,
): Promise<PointInTimeItemsPlan> {
  const selection = parseItemSelection(request.selection);
  const table = await planTableRestore(
    client,
    {
      incidentId: request.incidentId,
      pitrBackupTime: request.pitrBackupTime,
      tableNameRecoveryConfirmation: request.confirmation,
    },
    request.settings,
  );
  await assertSelectionAccepted({ client, tableName: table.tableName }, selection);
  const plan: PointInTimeItemsPlan = {
    ...table,
    source: 'point-in-time',
    selection,
    overwriteChanged: request.overwriteChanged,
    deleteMissing: request.deleteMissing,
  };
  const run = await journal.getRun(plan.incidentId);
  if (run && run.kind !== 'restore-items') {
    throw new InputError(
      'incidentId',
      plan.incidentId,
      'was already used by a whole-table restore',
      'Use a new incident id for the selective restore (see dynamo-dr runs show).',
    );
  }
  await assertIncidentMatches(journal, plan, 'incidentId');
  const recorded = runOfKind<RestoreItemsRun>(run, 'restore-items')?.tables[plan.tableName]?.plan as
    Partial<PointInTimeItemsPlan> | undefined;
  if (recorded && JSON.stringify(recorded.selection) !== JSON.stringify(plan.selection)) {
    throw new InputError(
      'incidentId',
      plan.incidentId,
      `was already used with another selection (${recorded.selection?.expression})`,
      'Resume it with the same --where/--values/--names, or use a new incident id.',
    );
  }
  await assertNotLocked(journal, plan.tableName, plan.incidentId, 'tableName');
  return plan;
}

/** A selective restore from a file. */
export interface FileItemsRequest extends RestoreItemsChoices {
  readonly tableName: string;
  readonly confirmation: string;
  readonly file: string;
  /** @default 4 */
  readonly segments?: number;
  readonly sensitive?: boolean;
  readonly maxWriteUnitsPerSecond?: number;
  readonly maxReadUnitsPerSecond?: number;
}

/**
 * Validates a restore from a file and returns its plan; reads only: the
 * confirmation, the table, the file's format (from its manifest or its
 * first line). `--delete-missing` needs a diff file: an item file says what
 * to write, not which keys should not exist. The run is journaled under a
 * generated `restore-items-<id>` with the file and its manifest's digest.
 *
 * @example
 * const plan = await planFileItems(client, { tableName: 'Orders', confirmation: 'Orders', file: 'orders.diff' });
 * await runRestoreItems(context, plan);
 */
export async function planFileItems(client: DynamoDBClient, request: FileItemsRequest): Promise<FileItemsPlan> {
  assertName(tableNameRule, 'tableName', request.tableName);
  assertConfirmation(request.confirmation, request.tableName, 'confirmation');
  const format = await detectItemSourceFormat(request.file, 'file');
  if (request.deleteMissing && format !== 'diff') {
    throw new InputError(
      'deleteMissing',
      request.file,
      `needs a diff file, but this is ${format === 'aws-scan' ? 'AWS CLI scan output' : 'an item file'}`,
      'Leave --delete-missing out, or use the file written by dynamo-dr diff.',
    );
  }
  // The whole file is read once now: a bad line or an item without the table's key refuses the run before
  // it is recorded.
  const { schema, keyTypes } = await targetKeys(client, request.tableName);
  await countFileSelection(request.file, format, schema, keyTypes, request.deleteMissing);
  // The format was read from the manifest when there is one: a failed read here means there is none.
  const manifest = await readItemFileManifest(request.file).catch(() => undefined);
  return {
    source: 'file',
    incidentId: `restore-items-${generatedIncidentId()}`,
    tableName: request.tableName,
    file: request.file,
    manifestDigest: manifest?.digest,
    restoreTime: manifest?.time ?? new Date().toISOString(),
    format,
    segments: request.segments ?? 4,
    ...(request.maxWriteUnitsPerSecond !== undefined && { maxWriteUnitsPerSecond: request.maxWriteUnitsPerSecond }),
    ...(request.maxReadUnitsPerSecond !== undefined && { maxReadUnitsPerSecond: request.maxReadUnitsPerSecond }),
    sensitive: request.sensitive ?? false,
    overwriteChanged: request.overwriteChanged,
    deleteMissing: request.deleteMissing,
  };
}
