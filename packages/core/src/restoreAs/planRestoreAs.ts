import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { InputError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { assertRestorable } from '../restore/planTableRestore.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { assertName } from '../validation/assertName.js';
import { incidentIdRule, parameterNameRule, tableNameRule } from '../validation/nameRules.js';
import { isRestoreOf } from '../tableRestore/tableRestore.js';
import { planSwitch } from './parameterSwitch.js';
import type { RestoreAsPlan } from './restoreAsPlan.js';
import { readTableSettings } from './tableSettings.js';

/** What the user asked for; flags in the CLI. */
export interface RestoreAsRequest {
  readonly tableName: string;
  /** ISO 8601 with offset, inside the restorable window. */
  readonly time: string;
  readonly targetTableName: string;
  /** The SSM parameter the application reads its table name from. */
  readonly switchParameter?: string;
  /** Names the journal entry (`restore-as-<incident>`); the same id resumes. @default a generated id */
  readonly incidentId?: string;
}

/**
 * Validates a restore to a new table and returns its plan: the time inside the window, the target new (or
 * the restore of the same source and time an interrupted run left, which is then resumed) and well named, the parameter present and not already switched; reads the source's settings. Only reads.
 *
 * @example
 * const plan = await planRestoreAs(ddb, ssm, { tableName: 'fp-events', time: '2026-02-15T09:00:00Z', targetTableName: 'fp-events-restored' });
 */
export async function planRestoreAs(
  dynamodb: DynamoDBClient,
  ssm: SSMClient,
  request: RestoreAsRequest,
): Promise<RestoreAsPlan> {
  assertName(tableNameRule, 'tableName', request.tableName);
  const time = parseRestoreTime(request.time, 'time');
  const target = assertName(tableNameRule, 'targetTableName', request.targetTableName);
  if (request.switchParameter !== undefined) assertName(parameterNameRule, 'switchParameter', request.switchParameter);
  // The same rule as every command's incident id; the error names the id as typed.
  const incidentId = `restore-as-${assertName(incidentIdRule, 'incidentId', request.incidentId ?? generatedIncidentId())}`;
  if (target === request.tableName) {
    throw new InputError(
      'targetTableName',
      target,
      'is the source table',
      'A restore always creates a new table: give a new name.',
    );
  }
  const { description, window } = await assertRestorable(dynamodb, request.tableName, time, request.time, 'time');
  const existing = await describeTableIfExists(dynamodb, target);
  const resume =
    existing !== undefined &&
    isRestoreOf(existing, { kind: 'pitr', tableName: request.tableName, restoreTime: time.toISOString() });
  if (existing && !resume) {
    throw new InputError(
      'targetTableName',
      target,
      'already exists',
      'A restore creates the table: choose a new name (or delete that table if it is a leftover).',
    );
  }
  const switchParameter = request.switchParameter ? await planSwitch(ssm, request.switchParameter) : undefined;
  return {
    incidentId,
    tableName: request.tableName,
    targetTableName: target,
    requestedTime: request.time,
    restoreTime: time.toISOString(),
    restorableWindow: { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() },
    settings: await readTableSettings(dynamodb, description),
    switchParameter,
    resume,
    estimatedItems: description.ItemCount ?? 0,
  };
}
