import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { bucketExists } from '../deploy/s3Calls.js';
import { InputError } from '../errors.js';
import type { RunJournal } from '../journal/runJournal.js';
import { planRestore, type RestoreRequest } from '../restore/planRestore.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
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

/** ExportTableToPointInTime's S3Bucket pattern and S3Prefix length (API reference). */
const BUCKET_PATTERN = /^[a-zA-Z0-9][\w.-]{1,253}[a-zA-Z0-9]$/;
const MAX_PREFIX_LENGTH = 1024;

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
  const s3 = createAwsClient(S3Client, aws);
  try {
    await assertExportBucket(s3, request.exportBucket);
  } finally {
    s3.destroy();
  }
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
  assertBucketName(options.exportBucket);
  assertPrefix(options.exportPrefix);
  const verify = options.verify ?? 'keys';
  if (verify !== 'keys' && verify !== 'full') {
    throw new InputError('verify', verify, 'is not a verification', 'Use keys (the default) or full.');
  }
  if (verify === 'full' && options.untilTime !== undefined) {
    throw new InputError(
      'verify',
      verify,
      'compares the table with a PITR restore at the time, which untilTime keeps later writes from',
      'Leave out untilTime to verify in full, or verify the reverted keys only (keys).',
    );
  }
}

/**
 * Refuses a bucket that does not exist (HeadBucket): AWS would accept the export and fail it later.
 *
 * @example
 * await assertExportBucket(s3, 'dr-exports'); // InputError naming exportBucket when there is none
 */
export async function assertExportBucket(s3: S3Client, bucket: string): Promise<void> {
  if (await bucketExists(s3, bucket)) return;
  throw new InputError(
    'exportBucket',
    bucket,
    'does not exist or cannot be reached with these credentials',
    'Create the bucket in the same account (aws s3 mb s3://NAME), or name one that exists.',
  );
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

function assertBucketName(bucket: string): void {
  if (BUCKET_PATTERN.test(bucket)) return;
  throw new InputError(
    'exportBucket',
    bucket,
    'is not a bucket name',
    'Give the name of an existing S3 bucket (letters, digits, dots, hyphens), without s3:// or a path.',
  );
}

function assertPrefix(prefix: string | undefined): void {
  if (prefix === undefined) return;
  // eslint-disable-next-line no-control-regex
  if (prefix.length > 0 && prefix.length <= MAX_PREFIX_LENGTH && !/[\u0000-\u001f\u007f]/.test(prefix)) return;
  throw new InputError(
    'exportPrefix',
    prefix,
    `is not a key prefix of 1 to ${MAX_PREFIX_LENGTH} printable characters`,
    'Give a prefix such as dr-exports/orders, or leave it out.',
  );
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
