import type { CostReport } from '../cost/runCostEstimate.js';
import type { TableCost } from '../cost/tableCost.js';
import type { BackupCheckReport } from '../health/runBackupCheck.js';
import type { CheckItem } from '../health/checkItem.js';
import type { DrillHistoryEntry } from './drillHistory.js';

/** The `format` and version of {@link DrReport}. */
export const DR_REPORT_FORMAT = 'dynamo-dr.dr-report';
export const DR_REPORT_VERSION = 1;

/**
 * What a point-in-time restore of the table could reach when the report was made (DescribeContinuousBackups),
 * against the retention the configuration requires.
 */
export interface WindowAgainstRetention {
  readonly tableExists: boolean;
  readonly pitrEnabled: boolean;
  /** `EarliestRestorableDateTime` and `LatestRestorableDateTime`, ISO 8601 (only while PITR is on). */
  readonly earliest?: string;
  readonly latest?: string;
  /** The table's `RecoveryPeriodInDays` (only while PITR is on). */
  readonly retentionDays?: number;
  /** `backups.retentionDays` of the environment (default 35). */
  readonly requiredRetentionDays: number;
  /** Latest less earliest restorable time; 0 while PITR is off. */
  readonly windowSeconds: number;
  /** Where the required retention puts the earliest restorable time (the table's creation when it is younger). */
  readonly expectedEarliest: string;
  /** From {@link expectedEarliest} to the report: the window the retention promises now. */
  readonly expectedWindowSeconds: number;
  /** How far the earliest restorable time is after {@link expectedEarliest}: the part of the window missing. */
  readonly deficitSeconds: number;
  /** A deficit up to this is not a problem (`backups.windowToleranceSeconds`, as in `check`). */
  readonly toleranceSeconds: number;
  readonly latestRestorableLagSeconds?: number;
}

/** One configured table in the report. */
export interface TableDrReport {
  readonly environment: string;
  readonly tableName: string;
  readonly logicalName: string;
  readonly window: WindowAgainstRetention;
  /** The table's items of the backup check (`dynamo-dr check`). */
  readonly checks: readonly CheckItem[];
  /** The environment's drill targets now (`drills.rtoTargetMinutes`, `drills.rpoTargetMinutes`). */
  readonly targets: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  /** Its drills, oldest first. */
  readonly drills: readonly DrillHistoryEntry[];
  /** Its costs, when the region has prices. */
  readonly cost?: TableCost;
}

/**
 * The disaster-recovery report (`dynamo-dr report`): per table the restorable window, the check's items, the
 * drill history and the costs; rendered as one self-contained HTML page or as Markdown.
 */
export interface DrReport {
  readonly format: typeof DR_REPORT_FORMAT;
  readonly version: typeof DR_REPORT_VERSION;
  readonly generatedAt: string;
  readonly region: string;
  readonly environments: readonly string[];
  readonly tables: readonly TableDrReport[];
  /** The whole backup check, environment items included. */
  readonly check: BackupCheckReport;
  /** The cost estimate, or why there is none (a region the price table does not have). */
  readonly costs: CostReport | { readonly unavailable: string };
  /** Where drill reports were read, and the files that could not be read, each with why. */
  readonly drillReportLocations: readonly string[];
  readonly unreadableDrillReports: readonly { readonly location: string; readonly problem: string }[];
}
