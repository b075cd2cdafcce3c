import type { DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';
import { describeTableIfExists, readRestorableWindow, type RestorableWindow } from '../aws/dynamoDbCalls.js';
import type { RestoreInput } from './restoreInput.js';
import { restoreNames } from './restoreNames.js';
import type { TableRestorePlan, TableRestoreSettings } from './restorePlan.js';
import { parseRestoreTime } from './restoreTime.js';

/**
 * Validates one table's recovery input and returns its plan. Only reads:
 * local checks first (incident id, time, confirmation), then DescribeTable
 * and DescribeContinuousBackups. Every failure is an {@link InputError}
 * naming the field, the value and the fix.
 *
 * @example
 * const plan = await planTableRestore(ddb, input, { ...defaultRestoreSettings, tableName: 'Orders', logicalName: 'Orders' });
 */
export async function planTableRestore(
  client: DynamoDBClient,
  input: RestoreInput,
  settings: TableRestoreSettings,
): Promise<TableRestorePlan> {
  const table = settings.tableName;
  const names = restoreNames(table, input.incidentId);
  const time = parseRestoreTime(input.pitrBackupTime, 'pitrBackupTime');
  assertConfirmation(input.tableNameRecoveryConfirmation, table, 'tableNameRecoveryConfirmation');

  const { description, window } = await assertRestorable(client, table, time, input.pitrBackupTime);
  return {
    ...settings,
    ...names,
    incidentId: input.incidentId,
    restoreTime: time.toISOString(),
    estimatedItems: description.ItemCount ?? 0,
    estimatedBytes: description.TableSizeBytes ?? 0,
    restorableWindow: { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() },
  };
}

/**
 * Checks that `table` exists and that `time` is inside its current restorable window; returns what it read.
 * Every failure is an {@link InputError} naming the field (`tableName`, or `timeField`: the request's name of the time), the
 * value, the window and the fix. Only reads (DescribeTable, DescribeContinuousBackups).
 */
export async function assertRestorable(
  client: DynamoDBClient,
  table: string,
  time: Date,
  typedTime: string,
  timeField = 'pitrBackupTime',
): Promise<{ description: TableDescription; window: Required<RestorableWindow> }> {
  const found = await assertRecoverableTable(client, table, 'tableName');
  const { window } = found;
  if (time < window.earliest || time > window.latest) {
    throw new InputError(
      timeField,
      typedTime,
      `is outside the restorable window of ${table}, ${window.earliest.toISOString()} to ${window.latest.toISOString()}`,
      'Choose a time inside that window (the latest restorable time trails now by about five minutes).',
    );
  }
  return found;
}

/**
 * Checks that `table` exists and has point-in-time recovery on; returns its description and restorable window.
 * Each failure is an {@link InputError} naming `field`. Only reads (DescribeTable, DescribeContinuousBackups).
 */
export async function assertRecoverableTable(
  client: DynamoDBClient,
  table: string,
  field: string,
): Promise<{ description: TableDescription; window: Required<RestorableWindow> }> {
  const description = await describeTableIfExists(client, table);
  if (!description) {
    throw new InputError(field, table, 'does not exist', 'Check the exact table name and the region.');
  }
  const window = await readRestorableWindow(client, table);
  if (!window.enabled || !window.earliest || !window.latest) {
    throw new InputError(
      field,
      table,
      'has point-in-time recovery disabled, so it cannot be restored to a past time',
      `Enable it (aws dynamodb update-continuous-backups --table-name ${table} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true); only times after that become restorable.`,
    );
  }
  return { description, window: { enabled: true, earliest: window.earliest, latest: window.latest } };
}

/** Refuses a confirmation that is not the table's exact name (a case-only difference is named as such). */
export function assertConfirmation(confirmation: string, table: string, field: string): void {
  if (confirmation === table) return;
  const sameButCase = confirmation.toLowerCase() === table.toLowerCase();
  throw new InputError(
    field,
    confirmation,
    sameButCase
      ? `differs in letter case from the table name ${JSON.stringify(table)}`
      : `does not match the table name ${JSON.stringify(table)}`,
    'Type the destination table name exactly, case included (copy it from the DynamoDB console).',
  );
}
