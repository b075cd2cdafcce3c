import type { RestoreNames } from './restoreNames.js';
import type { SyncMode } from './restoreInput.js';

/**
 * What a recovery of one table does besides its input: on AWS these are baked
 * into the table's state machine; in the CLI they come from flags and the
 * configuration file.
 */
export interface TableRestoreSettings {
  /** The destination: the physical table rolled back in place. */
  readonly tableName: string;
  /** The name used in state machine names (`DRRestoreDynamoDbTable{logicalName}StateMachine`). */
  readonly logicalName: string;
  /** @default 'delta' */
  readonly mode: SyncMode;
  /** Keep the temporary restored table after verification. @default false */
  readonly keepRestoredTable: boolean;
  /** Parallel scan segments of the sync (one Map iteration each). @default 4 */
  readonly segments: number;
  /** Never write key values of this table to checkpoints or the journal. @default false */
  readonly sensitive: boolean;
  /** How long the forensic backup and the PITR restore may take together before the run stops. @default 360 */
  readonly restoreDeadlineMinutes: number;
  /** The most write capacity units per second the sync spends on the destination (`--max-write-units`). @default adaptive */
  readonly maxWriteUnitsPerSecond?: number;
  /** The most read capacity units per second the sync and verification spend per table (`--max-read-units`). @default adaptive */
  readonly maxReadUnitsPerSecond?: number;
}

/**
 * The default settings; `tableName` and `logicalName` have none.
 *
 * @example
 * const settings = { ...defaultRestoreSettings, tableName: 'Prod-Orders', logicalName: 'ProdOrders' };
 */
export const defaultRestoreSettings = {
  mode: 'delta',
  keepRestoredTable: false,
  segments: 4,
  sensitive: false,
  restoreDeadlineMinutes: 360,
} as const satisfies Partial<TableRestoreSettings>;

/**
 * The serialisable plan of one table's recovery, built by validation before
 * anything changes. `--dry-run` prints it; every workflow step receives it.
 */
export interface TableRestorePlan extends TableRestoreSettings, RestoreNames {
  readonly incidentId: string;
  /** The time restored to, in UTC (ISO 8601). */
  readonly restoreTime: string;
  /** DescribeTable's ItemCount and TableSizeBytes: AWS refreshes them about every six hours. */
  readonly estimatedItems: number;
  readonly estimatedBytes: number;
  /** The restorable window when the plan was made (UTC, ISO 8601). */
  readonly restorableWindow: { readonly earliest: string; readonly latest: string };
}

/** The plan of one command: one or more tables restored to the same time. */
export interface RestorePlan {
  readonly incidentId: string;
  /** The time as typed. */
  readonly requestedTime: string;
  /** The same time in UTC. */
  readonly restoreTime: string;
  readonly tables: readonly TableRestorePlan[];
}

/** The settings part of a table's plan (what a state machine has baked in). */
export function settingsOf(plan: TableRestoreSettings): TableRestoreSettings {
  const { tableName, logicalName, mode, keepRestoredTable, segments, sensitive, restoreDeadlineMinutes } = plan;
  const { maxWriteUnitsPerSecond, maxReadUnitsPerSecond } = plan;
  return {
    tableName,
    logicalName,
    mode,
    keepRestoredTable,
    segments,
    sensitive,
    restoreDeadlineMinutes,
    ...(maxWriteUnitsPerSecond !== undefined && { maxWriteUnitsPerSecond }),
    ...(maxReadUnitsPerSecond !== undefined && { maxReadUnitsPerSecond }),
  };
}
