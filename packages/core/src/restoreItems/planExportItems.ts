import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import { InputError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import { assertConfirmation } from '../restore/planTableRestore.js';
import { readLocatedSummary, resolveExportLocation } from '../s3Export/exportLocation.js';
import { assertName } from '../validation/assertName.js';
import { tableNameRule } from '../validation/nameRules.js';
import { exportSelection } from './exportSelection.js';
import { assertKeyTypes } from './fileSelection.js';
import { assertSelectionAccepted } from './assertSelectionAccepted.js';
import { parseItemSelection, type ItemSelectionInput } from './itemSelection.js';
import { restoreNames } from '../restore/restoreNames.js';
import type { FileItemsRequest } from './planRestoreItems.js';
import type { ExportItemsPlan } from './restoreItemsPlan.js';
import { targetKeys } from './targetKeys.js';

/** A selective restore of a full export's items; `export` is its ARN or an `s3://` URI. */
export interface ExportItemsRequest extends Omit<FileItemsRequest, 'file'> {
  readonly export: string;
  /** Only the items matching this condition (the export is then imported into a table DynamoDB filters). */
  readonly selection?: ItemSelectionInput;
}

/**
 * Validates a restore from an export to S3 and returns its plan; reads only: the table name, the
 * confirmation, the export (a COMPLETED full export, by ARN or URI), the table, and every item of the export
 * once (each must carry the table's key, of the table's key types) — before anything is recorded. The
 * export says what to write, not which keys should not exist: `deleteMissing` is refused. Journaled under a
 * generated `restore-items-<id>`, like a file.
 *
 * @example
 * const plan = await planExportItems(ddb, aws, { tableName: 'Orders', confirmation: 'Orders',
 *   export: 's3://audits/AWSDynamoDB/01700000000000-abcd1234/', overwriteChanged: false, deleteMissing: false });
 * await runRestoreItems(context, plan);
 */
export async function planExportItems(
  client: DynamoDBClient,
  aws: AwsClientOptions,
  request: ExportItemsRequest,
): Promise<ExportItemsPlan> {
  const s3 = createAwsClient(S3Client, aws);
  try {
    return await planWith(client, s3, request);
  } finally {
    s3.destroy();
  }
}

async function planWith(client: DynamoDBClient, s3: S3Client, request: ExportItemsRequest): Promise<ExportItemsPlan> {
  assertName(tableNameRule, 'tableName', request.tableName);
  const selection = request.selection && parseItemSelection(request.selection);
  assertConfirmation(request.confirmation, request.tableName, 'confirmation');
  if (request.deleteMissing) {
    throw new InputError(
      'deleteMissing',
      true,
      'cannot be combined with --from-export',
      'An export says which items to write, not which should not exist: leave --delete-missing out (a diff file can delete).',
    );
  }
  const location = await resolveExportLocation(client, 'fromExport', request.export);
  const { content: summary } = await readLocatedSummary(s3, location, 'fromExport', request.export);
  if (summary.exportType === 'INCREMENTAL_EXPORT') {
    throw new InputError(
      'fromExport',
      request.export,
      'is an incremental export (changes, not items)',
      'Name a full export (dynamo-dr export --via s3 makes one), or undo a window with restore --mode revert.',
    );
  }
  const { schema, keyTypes } = await targetKeys(client, request.tableName);
  if (selection) await assertSelectionAccepted({ client, tableName: request.tableName }, selection);
  await assertKeyTypes(exportSelection(s3, location, schema, request.export), keyTypes, 'fromExport', request.export);
  const id = generatedIncidentId();
  return {
    source: 'export',
    incidentId: `restore-items-${id}`,
    tableName: request.tableName,
    export: request.export,
    exportArn: summary.exportArn,
    location,
    exportedItems: summary.itemCount,
    ...(selection && {
      selection,
      importedTableName: restoreNames(request.tableName, id, 'import-').restoredTableName,
    }),
    restoreTime: summary.exportTime ?? new Date().toISOString(),
    segments: request.segments ?? 4,
    ...(request.maxWriteUnitsPerSecond !== undefined && { maxWriteUnitsPerSecond: request.maxWriteUnitsPerSecond }),
    ...(request.maxReadUnitsPerSecond !== undefined && { maxReadUnitsPerSecond: request.maxReadUnitsPerSecond }),
    sensitive: request.sensitive ?? false,
    overwriteChanged: request.overwriteChanged,
    deleteMissing: false,
  };
}
