import { resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InputError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import { parseItemFileFormat } from '../itemFile/itemFileFormat.js';
import { assertItemFileTarget } from '../itemFile/itemFileManifest.js';
import { assertName } from '../validation/assertName.js';
import { backupArnRule, incidentIdRule, tableNameRule } from '../validation/nameRules.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { assertRestorable } from '../restore/planTableRestore.js';
import { defaultRestoreSettings, type TableRestorePlan } from '../restore/restorePlan.js';
import { logicalNameOf } from '../workflow/stateMachineNames.js';
import { restoreNames } from '../restore/restoreNames.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { describeBackupIfExists } from '../aws/dynamoDbCalls.js';
import type { ExportPlan, ExportSource } from './exportPlan.js';

/** What the user asked for; flags in the CLI. */
export interface ExportRequest {
  readonly tableName?: string;
  /** ISO 8601 with offset: export the table as it was then (PITR). Omitted: the table now. */
  readonly at?: string;
  /** Export this on-demand backup instead. */
  readonly backupArn?: string;
  readonly out: string;
  /** @default 'dynamodb-json' */
  readonly format?: string;
  readonly force?: boolean;
  /** Names the temporary table and the journal entry; the same id resumes. @default generated */
  readonly incidentId?: string;
  readonly keepRestoredTable?: boolean;
  /** @default 4 */
  readonly segments?: number;
  /** The most read capacity units per second the scan spends on the table. @default adaptive */
  readonly maxReadUnitsPerSecond?: number;
}

/**
 * Validates an export request and returns its plan. Only reads: local checks first (format, time, incident,
 * output path), then DescribeTable / DescribeContinuousBackups / DescribeBackup. Every failure is an
 * {@link InputError}; nothing is created.
 *
 * @example
 * const plan = await planExport(ddb, { tableName: 'consent', at: '2025-12-01T00:00:00Z', out: 'audit.json' });
 */
export async function planExport(client: DynamoDBClient, request: ExportRequest): Promise<ExportPlan> {
  const format = parseItemFileFormat(request.format, 'format');
  if (request.backupArn && request.at) {
    throw new InputError('at', request.at, 'cannot be combined with --backup', 'A backup has its own time: drop --at.');
  }
  if (request.backupArn && request.tableName) {
    throw new InputError(
      'tableName',
      request.tableName,
      'cannot be combined with --backup',
      'A backup names its own table: drop --table.',
    );
  }
  const time = request.at === undefined ? undefined : parseRestoreTime(request.at, 'at');
  // One rule for the id whether or not it is used: a live export has no temporary table to name.
  const incidentId = assertName(incidentIdRule, 'incidentId', request.incidentId ?? generatedIncidentId());
  if (request.backupArn !== undefined) assertName(backupArnRule, 'backupArn', request.backupArn);
  else if (request.tableName !== undefined) assertName(tableNameRule, 'tableName', request.tableName);
  const replace = { replace: request.force ?? false, replaceFlag: '--force' };
  const out = resolve(await assertItemFileTarget('out', request.out, replace));
  const segments = request.segments ?? 4;
  const caps =
    request.maxReadUnitsPerSecond === undefined ? {} : { maxReadUnitsPerSecond: request.maxReadUnitsPerSecond };
  const common = { out, format, force: request.force ?? false, segments, ...caps };

  if (request.backupArn) {
    const backup = await describeBackupIfExists(client, request.backupArn);
    const details = backup?.BackupDetails;
    const tableName = backup?.SourceTableDetails?.TableName;
    if (!details || !tableName || details.BackupStatus !== 'AVAILABLE') {
      throw new InputError(
        'backupArn',
        request.backupArn,
        details ? `is ${details.BackupStatus}, not AVAILABLE` : 'is not a backup in this account and region',
        'List backups with aws dynamodb list-backups and pass an AVAILABLE one by its ARN.',
      );
    }
    const createdAt = details.BackupCreationDateTime!.toISOString();
    const source: ExportSource = {
      kind: 'backup',
      backupArn: request.backupArn,
      tableName,
      backupCreatedAt: createdAt,
    };
    const restore = temporaryTable(tableName, incidentId, createdAt, request.keepRestoredTable, segments, {
      earliest: createdAt,
      latest: createdAt,
    });
    return { ...common, source, estimatedItems: backup.SourceTableDetails?.ItemCount ?? 0, restore };
  }

  const tableName = request.tableName;
  if (!tableName) {
    throw new InputError('tableName', null, 'is required', 'Name the table to export (or pass --backup ARN).');
  }
  if (time) {
    const { description, window } = await assertRestorable(client, tableName, time, request.at!, 'at');
    const restorableWindow = { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() };
    const restoreTime = time.toISOString();
    return {
      ...common,
      source: { kind: 'pitr', tableName, tableArn: description.TableArn, restoreTime, restorableWindow },
      estimatedItems: description.ItemCount ?? 0,
      restore: temporaryTable(
        tableName,
        incidentId,
        restoreTime,
        request.keepRestoredTable,
        segments,
        restorableWindow,
      ),
    };
  }
  const description = await describeTableIfExists(client, tableName);
  if (!description) {
    throw new InputError('tableName', tableName, 'does not exist', 'Check the exact table name and the region.');
  }
  return {
    ...common,
    source: { kind: 'table', tableName, tableArn: description.TableArn },
    estimatedItems: description.ItemCount ?? 0,
  };
}

/**
 * The temporary table's plan in the restore workflow's terms, so that its restore steps and journal serve
 * export too. Journaled as `export-<incident>`: an export never touches the run of a restore.
 */
function temporaryTable(
  tableName: string,
  incidentId: string,
  restoreTime: string,
  keepRestoredTable: boolean | undefined,
  segments: number,
  restorableWindow: TableRestorePlan['restorableWindow'],
): TableRestorePlan {
  const key = `export-${incidentId}`;
  return {
    ...defaultRestoreSettings,
    ...restoreNames(tableName, incidentId, 'export-'),
    tableName,
    logicalName: logicalNameOf(tableName),
    keepRestoredTable: keepRestoredTable ?? false,
    segments,
    incidentId: key,
    restoreTime,
    estimatedItems: 0,
    estimatedBytes: 0,
    restorableWindow,
  };
}
