import type { TableDescription } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeTableIfExists, restoreFromBackup, restoreToPointInTime } from '../aws/dynamoDbCalls.js';
import { DrError, NotReadyError } from '../errors.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';

/** What a table is restored from: the source table's point-in-time recovery at a time, or an on-demand backup. */
export type TableRestoreSource =
  | { readonly kind: 'pitr'; readonly tableName: string; /** UTC, ISO 8601. */ readonly restoreTime: string }
  | { readonly kind: 'backup'; readonly backupArn: string };

/**
 * Starts restoring `source` into the new table `target` (RestoreTableToPointInTime or
 * RestoreTableFromBackup). Returns false when `target` already exists or is being created: a re-run of the
 * same incident, which {@link awaitRestoredTable} then checks is this very restore.
 *
 * @example
 * await startTableRestore(ddb, { kind: 'pitr', tableName: 'Orders', restoreTime }, 'Orders-dr-inc-7');
 */
export function startTableRestore(
  client: DynamoDBClient,
  source: TableRestoreSource,
  target: string,
): Promise<boolean> {
  return source.kind === 'pitr'
    ? restoreToPointInTime(client, { source: source.tableName, target, time: new Date(source.restoreTime) })
    : restoreFromBackup(client, source.backupArn, target);
}

/**
 * Returns the restored table's description once it is ACTIVE and is a restore of `source` (its
 * RestoreSummary says so); throws {@link NotReadyError} while it is being created (poll with the workflow's
 * backoff), {@link DeadlineExceededError} after `deadline`, and {@link DrError} when it failed or merely has
 * the name: a table that is not this restore is never read from.
 *
 * @example
 * const table = await untilReady(() => awaitRestoredTable(ddb, source, 'Orders-dr-inc-7', deadline));
 */
export async function awaitRestoredTable(
  client: DynamoDBClient,
  source: TableRestoreSource,
  target: string,
  deadline: string,
): Promise<TableDescription> {
  const table = await describeTableIfExists(client, target);
  if (table?.TableStatus === 'ACTIVE') {
    if (!isRestoreOf(table, source)) {
      const summary = table.RestoreSummary;
      const actual = summary
        ? ` (it restores ${summary.SourceTableArn ?? summary.SourceBackupArn}${summary.RestoreDateTime ? ` at ${summary.RestoreDateTime.toISOString()}` : ''})`
        : '';
      throw new DrError(`The table ${target} is not a restore of ${describeSource(source)}${actual}.`, {
        hint: `Use a new incident id, or delete ${target} if it is not needed and run the same command again.`,
      });
    }
    return table;
  }
  // Not found yet is not ready yet: the table of a restore just started may not be listed at once.
  if (table && table.TableStatus !== 'CREATING' && table.TableStatus !== 'UPDATING') {
    throw new DrError(`The restored table ${target} is ${table.TableStatus}.`, {
      hint: `Delete it if it is left (aws dynamodb delete-table --table-name ${target}) and run the same command again.`,
    });
  }
  assertBeforeDeadline(deadline, `the restore of ${describeSource(source)} into ${target}`);
  throw new NotReadyError(`The restored table ${target} is not ACTIVE yet.`);
}

/**
 * Whether `table` is a restore of `source`: of that backup, or of that table at that time to the second
 * (DescribeTable reports RestoreDateTime in epoch seconds).
 */
export function isRestoreOf(table: TableDescription, source: TableRestoreSource): boolean {
  const summary = table.RestoreSummary;
  if (source.kind === 'backup') return summary?.SourceBackupArn === source.backupArn;
  const fromTable = summary?.SourceTableArn?.endsWith(`:table/${source.tableName}`) ?? false;
  const at = summary?.RestoreDateTime;
  return fromTable && at !== undefined && Math.abs(at.getTime() - Date.parse(source.restoreTime)) < 1000;
}

function describeSource(source: TableRestoreSource): string {
  return source.kind === 'pitr' ? `${source.tableName} at ${source.restoreTime}` : source.backupArn;
}
