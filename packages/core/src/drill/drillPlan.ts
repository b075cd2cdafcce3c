import { DEFAULT_RPO_TARGET_MINUTES, DEFAULT_RTO_TARGET_MINUTES } from '../backupPolicy/backupPolicy.js';
import type { DrillScenario } from '../drillReports/drillReport.js';
import type { TableRestoreSettings } from '../restore/restorePlan.js';
import type { DrillReference } from './drillReference.js';

/** What a drill must meet: the recovery time of the whole drill and how far the recovery point may trail. */
export interface DrillTargets {
  readonly rtoMinutes: number;
  readonly rpoMinutes: number;
}

/**
 * The runbook's targets when the configuration sets none (`drills.rtoTargetMinutes`, `drills.rpoTargetMinutes`).
 *
 * @example
 * const rtoMinutes = config.drills?.rtoTargetMinutes ?? DEFAULT_DRILL_TARGETS.rtoMinutes; // 30
 */
export const DEFAULT_DRILL_TARGETS: DrillTargets = {
  rtoMinutes: DEFAULT_RTO_TARGET_MINUTES,
  rpoMinutes: DEFAULT_RPO_TARGET_MINUTES,
};

/** The serialisable plan of one drill, made by {@link planDrill} before anything changes. */
export interface DrillPlan {
  /** The drill's run id in the journal (`drill-<UTC time>-<random>`), also its report's `drillId`. */
  readonly drillId: string;
  readonly tableName: string;
  readonly tableArn: string;
  readonly environment: string;
  readonly scenario: DrillScenario;
  /** The table's Region, and the Region restored into (the same unless `--target-region`). */
  readonly region: string;
  readonly targetRegion: string;
  /** restore-as: the new table the restore creates (deleted after the drill). */
  readonly restoredTableName: string;
  /** in-place: the restore workflow's incident and settings (the table itself is rolled back to T). */
  readonly inPlace?: { readonly incidentId: string; readonly settings: TableRestoreSettings };
  /** items: the selective restore's incident and settings (only the canaries are restored into the table). */
  readonly items?: { readonly incidentId: string; readonly settings: TableRestoreSettings };
  /** export: the export's incident (it names the temporary table and the export's run in the journal). */
  readonly export?: { readonly incidentId: string };
  readonly indexNames: readonly string[];
  /** How the source is encrypted: a KMS key, or an AWS owned key (DescribeTable's SSEDescription). */
  readonly sourceEncryption: 'KMS' | 'AWS_OWNED';
  /** DescribeTable's estimates (AWS refreshes them about every six hours). */
  readonly estimatedItems: number;
  readonly estimatedBytes: number;
  readonly reportsDirectory: string;
  readonly targets: DrillTargets;
  /**
   * An earlier drill's record to recover to (its point in time) and verify against (`--at`, or the newest at least
   * an hour old); absent: T is taken just after this drill's own canaries.
   */
  readonly reference?: DrillReference;
}
