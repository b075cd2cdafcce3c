import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { InputError } from '../errors.js';
import type { RunJournal } from '../journal/runJournal.js';
import { planRestore, type RestoreRequest } from '../restore/planRestore.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { assertBucketReachable, assertExportTarget } from '../s3Export/exportTarget.js';
import { exportPeriods } from './exportPeriods.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';
import {
  MIN_EXPORT_PERIOD_MS,
  type ExportPeriod,
  type RevertOptions,
  type RevertPlan,
  type TableRevertPlan,
} from './revertPlan.js';

/** A revert's request: a restore's, plus where the exports go and what is undone. */
export interface RevertRequest extends RestoreRequest, RevertOptions {}

/**
 * Validates a revert and returns its plan; reads only. Everything a restore checks (incident, time inside
 * the restorable window, PITR on, confirmation, no other recovery running), then the bucket (it must exist:
 * AWS would accept the export and fail it later), `untilTime` (after the time, inside the window) and each
 * export period against AWS's incremental export limits — before any export is started.
 *
 * @example
 * const plan = await planRevert(ddb, { region: 'eu-west-1' }, journal, { ...request, exportBucket: 'dr-exports' });
 */
export async function planRevert(
  client: DynamoDBClient,
  aws: AwsClientOptions,
  journal: RunJournal,
  request: RevertRequest,
): Promise<RevertPlan> {
  assertRevertOptions(request);
  const restorePlan = await planRestore(client, journal, request);
  const tables = [];
  for (const table of restorePlan.tables) tables.push(await planTableRevert(client, table, request));
  await assertBucketReachable(aws, request.exportBucket, 'exportBucket');
  return { ...restorePlan, tables, untilTime: tables[0]!.untilTime };
}

/**
 * Refuses a conflict policy, bucket name or prefix AWS or the revert would not take; local checks only.
 *
 * @example
 * assertRevertOptions({ exportBucket: 's3://x' }); // InputError naming exportBucket
 */
export function assertRevertOptions(options: RevertOptions): void {
  const onConflict = options.onConflict ?? 'skip';
  if (onConflict !== 'skip' && onConflict !== 'overwrite') {
    throw new InputError('onConflict', onConflict, 'is not a conflict policy', 'Use skip (the default) or overwrite.');
  }
  assertExportTarget(options.exportBucket, options.exportPrefix, { bucket: 'exportBucket', prefix: 'exportPrefix' });
  const verify = options.verify ?? 'keys';
  if (verify !== 'keys' && verify !== 'full') {
    throw new InputError('verify', verify, 'is not a verification', 'Use keys (the default) or full.');
  }
  if (verify === 'full' && options.untilTime !== undefined) {
    throw new InputError(
      'verify',
      verify,
      'compares the table with a PITR restore at the time, and an end to the undone window keeps the writes after it',
      'Undo up to now to verify in full, or verify the reverted keys only (keys).',
    );
  }
}

/**
 * One table's revert plan from its restore plan: `untilTime` (after the time, inside the window) and each
 * export period checked against AWS's incremental export limits; reads the table's ARN (DescribeTable).
 *
 * @example
 * const plan = await planTableRevert(ddb, tableRestorePlan, { exportBucket: 'dr-exports', pitrBackupTime });
 */
export async function planTableRevert(
  client: DynamoDBClient,
  table: TableRestorePlan,
  request: RevertOptions & { readonly pitrBackupTime: string },
): Promise<TableRevertPlan> {
  const time = new Date(table.restoreTime);
  const until = request.untilTime === undefined ? undefined : parseRestoreTime(request.untilTime, 'untilTime');
  const minimum = request.minExportPeriodMs ?? MIN_EXPORT_PERIOD_MS;
  const latest = new Date(table.restorableWindow.latest);
  if (until && (until <= time || until > latest)) {
    throw new InputError(
      'untilTime',
      request.untilTime,
      `is not between the time ${time.toISOString()} and the latest restorable time ${latest.toISOString()} of ${table.tableName}`,
      'Give the end of the bad window: after the time restored to, and no later than the latest restorable time.',
    );
  }
  const periods = [
    ...exportPeriods('window', time, until ?? latest),
    ...(until ? exportPeriods('later', until, latest) : []),
  ];
  assertLongEnough(periods, minimum, request, table.tableName);
  const description = await describeTableIfExists(client, table.tableName);
  return {
    ...table,
    tableArn: description!.TableArn!,
    exportBucket: request.exportBucket,
    ...(request.exportPrefix !== undefined && { exportPrefix: request.exportPrefix }),
    onConflict: request.onConflict ?? 'skip',
    periods,
    untilTime: (until ?? latest).toISOString(),
    verify: request.verify ?? 'keys',
  };
}

/** Refuses a period AWS would refuse: an incremental export covers at least 15 minutes. */
function assertLongEnough(
  periods: readonly ExportPeriod[],
  minimum: number,
  request: { readonly untilTime?: string; readonly pitrBackupTime: string },
  tableName: string,
): void {
  const short = periods.find((p) => Date.parse(p.to) - Date.parse(p.from) < minimum);
  if (!short) return;
  const minutes = `${Math.round(minimum / 6000) / 10} minutes`;
  const field = request.untilTime === undefined ? 'pitrBackupTime' : 'untilTime';
  throw new InputError(
    field,
    field === 'untilTime' ? request.untilTime : request.pitrBackupTime,
    `leaves a period of ${tableName}, ${short.from} to ${short.to}, shorter than the ${minutes} an incremental export covers at least`,
    short.part === 'later' || field === 'pitrBackupTime'
      ? `Wait until ${minutes} have passed since that time, or roll back in delta mode (a PITR restore and a sync).`
      : `Give a window of at least ${minutes}, or roll back in delta mode (a PITR restore and a sync).`,
  );
}
