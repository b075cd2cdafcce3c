import type { RecordedVerification, RunRecordOf, TableRunBase } from '../runs/runRecord.js';
import type { TableRunKey } from '../runs/tableRun.js';
import type { TableRestorePlan } from '../restore/restorePlan.js';
import type { TemporaryTable } from '../tableRestore/temporaryTable.js';
import type { ExportPlan } from './exportPlan.js';

/** An export's part of its run: the temporary table's restore plan, what was written, its digest. */
export interface ExportTableRun extends TableRunBase<TableRestorePlan> {
  /** Items written to the file. */
  readonly exported?: number;
  /** The file's count and digest (its manifest's). */
  readonly verification?: RecordedVerification;
}

/** The journal record of `dynamo-dr export` from a point in time or a backup, as `export-<incident>`. */
export type ExportRun = RunRecordOf<'export', ExportTableRun>;

/** Where an export through a temporary table is recorded. */
export function exportRunKey(restore: TableRestorePlan): TableRunKey<'export'> {
  return { kind: 'export', incidentId: restore.incidentId, tableName: restore.tableName };
}

/** The temporary table an export reads: the PITR restore at the time, or the backup's restore. */
export function exportTemporaryTable(plan: ExportPlan, restore: TableRestorePlan): TemporaryTable {
  return {
    name: restore.restoredTableName,
    source:
      plan.source.kind === 'backup'
        ? { kind: 'backup', backupArn: plan.source.backupArn }
        : { kind: 'pitr', tableName: restore.tableName, restoreTime: restore.restoreTime },
    keep: restore.keepRestoredTable,
  };
}
