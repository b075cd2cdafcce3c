import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { InputError } from '../errors.js';
import { describeTableIfExists } from '../restore/dynamoDbCalls.js';
import { assertRestorable } from '../restore/planTableRestore.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
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
}

/** Table names: 3–255 of `[a-zA-Z0-9_.-]` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html). */
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/**
 * Validates a restore to a new table and returns its plan: the time inside the window, the target new and
 * well named, the parameter present and not already switched; reads the source's settings. Only reads.
 *
 * @example
 * const plan = await planRestoreAs(ddb, ssm, { tableName: 'fp-events', time: '2026-02-15T09:00:00Z', targetTableName: 'fp-events-restored' });
 */
export async function planRestoreAs(
  dynamodb: DynamoDBClient,
  ssm: SSMClient,
  request: RestoreAsRequest,
): Promise<RestoreAsPlan> {
  const time = parseRestoreTime(request.time, '--to');
  const target = request.targetTableName;
  if (!TABLE_NAME.test(target)) {
    throw new InputError('--target', target, 'is not a valid table name', 'Use 3 to 255 letters, digits, _ . or -.');
  }
  if (target === request.tableName) {
    throw new InputError(
      '--target',
      target,
      'is the source table',
      'A restore always creates a new table: give a new name.',
    );
  }
  const { description, window } = await assertRestorable(dynamodb, request.tableName, time, request.time, {
    table: '--table',
    pitrBackupTime: '--to',
  });
  if (await describeTableIfExists(dynamodb, target)) {
    throw new InputError(
      '--target',
      target,
      'already exists',
      'A restore creates the table: choose a new name (or delete that table if it is a leftover).',
    );
  }
  const switchParameter = request.switchParameter ? await planSwitch(ssm, request.switchParameter) : undefined;
  return {
    tableName: request.tableName,
    targetTableName: target,
    requestedTime: request.time,
    restoreTime: time.toISOString(),
    restorableWindow: { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() },
    settings: await readTableSettings(dynamodb, description),
    switchParameter,
    estimatedItems: description.ItemCount ?? 0,
  };
}
