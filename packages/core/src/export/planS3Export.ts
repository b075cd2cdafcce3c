import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { InputError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import type { RunJournal } from '../journal/runJournal.js';
import { assertRecoverableTable, assertRestorable } from '../restore/planTableRestore.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { readTableRun } from '../runs/tableRun.js';
import { assertBucketReachable, assertExportTarget } from '../s3Export/exportTarget.js';
import { assertName } from '../validation/assertName.js';
import { incidentIdRule, tableNameRule } from '../validation/nameRules.js';
import { s3ExportRunKey, type S3ExportPlan, type S3ExportRun } from './s3ExportPlan.js';

/** What the user asked for (`export --via s3`); flags in the CLI. */
export interface S3ExportRequest {
  readonly tableName: string;
  /** ISO 8601 with offset, inside the restorable window. @default the latest restorable time */
  readonly at?: string;
  readonly bucket: string;
  readonly prefix?: string;
  /** Names the journal entry; the same id attaches to the export it started. @default generated */
  readonly incidentId?: string;
}

/**
 * Validates a full export to S3 and returns its plan; reads only, and every failure is an
 * {@link InputError} naming the field, before any export is started: the names and the prefix, the time's
 * form, the table (PITR on, the time inside its restorable window), the bucket (HeadBucket: AWS would accept
 * the export and fail it later). An incident already journaled must name the same table and destination;
 * it then keeps its recorded time.
 *
 * @example
 * const plan = await planS3Export(ddb, { region: 'eu-west-1' }, journal, { tableName: 'Orders', bucket: 'audits' });
 */
export async function planS3Export(
  client: DynamoDBClient,
  aws: AwsClientOptions,
  journal: RunJournal,
  request: S3ExportRequest,
): Promise<S3ExportPlan> {
  const incident = assertName(incidentIdRule, 'incidentId', request.incidentId ?? generatedIncidentId());
  assertName(tableNameRule, 'tableName', request.tableName);
  assertExportTarget(request.bucket, request.prefix, { bucket: 'bucket', prefix: 'prefix' });
  const time = request.at === undefined ? undefined : parseRestoreTime(request.at, 'at');
  const incidentId = `export-${incident}`;
  const recorded = (
    await readTableRun<S3ExportRun>(journal, s3ExportRunKey({ incidentId, tableName: request.tableName }))
  )?.plan;
  if (recorded) {
    assertSameExport(recorded, request, time, incident);
    // The export was started: attach to it, whatever the window says now.
    return recorded;
  }
  const { description, window } = time
    ? await assertRestorable(client, request.tableName, time, request.at!, 'at')
    : await assertRecoverableTable(client, request.tableName, 'tableName');
  await assertBucketReachable(aws, request.bucket, 'bucket');
  const exportTime = (time ?? window.latest).toISOString();
  const tableArn = description.TableArn!;
  const clientToken = createHash('sha256')
    .update(JSON.stringify([incidentId, tableArn, exportTime, request.bucket, request.prefix ?? null]))
    .digest('hex')
    .slice(0, 32);
  return {
    via: 's3',
    incidentId,
    tableName: request.tableName,
    tableArn,
    exportTime,
    restorableWindow: { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() },
    bucket: request.bucket,
    ...(request.prefix !== undefined && { prefix: request.prefix }),
    estimatedItems: description.ItemCount ?? 0,
    clientToken,
  };
}

/** An incident names one export: rerun with another destination or time, it is refused. */
function assertSameExport(
  recorded: Partial<S3ExportPlan>,
  request: S3ExportRequest,
  time: Date | undefined,
  incident: string,
): void {
  const differs =
    recorded.via !== 's3'
      ? 'an export to a file'
      : recorded.bucket !== request.bucket || recorded.prefix !== request.prefix
        ? `an export to s3://${recorded.bucket}/${recorded.prefix ?? ''}`
        : time && time.toISOString() !== recorded.exportTime
          ? `an export at ${recorded.exportTime}`
          : undefined;
  if (!differs) return;
  throw new InputError(
    'incidentId',
    incident,
    `was already used for ${differs} of ${request.tableName}`,
    `Resume it with the same options (see dynamo-dr runs show export-${incident}), or use a new incident id.`,
  );
}
