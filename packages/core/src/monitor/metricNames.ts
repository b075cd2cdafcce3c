import type { Dimension } from '@aws-sdk/client-cloudwatch';

/** The CloudWatch namespace of every metric the monitor publishes (custom namespaces must not start with `AWS/`). */
export const METRIC_NAMESPACE = 'DynamoDR';

/**
 * The monitor's metrics, per table. No CloudWatch metric of AWS's reports PITR, its window or its retention
 * (`ContinuousBackupsStatus` is a field of DescribeContinuousBackups, not a metric), hence these.
 */
export const BACKUP_METRICS = {
  /** 1 while PITR is enabled, 0 while it is off or the table is gone. */
  pitrEnabled: 'PitrEnabled',
  /** Latest less earliest restorable time. */
  restorableWindowSeconds: 'RestorableWindowSeconds',
  /** The table's `RecoveryPeriodInDays`, in seconds (0 while PITR is off). */
  retentionSeconds: 'RetentionSeconds',
  /** How far the earliest restorable time is after where the required retention puts it. */
  windowDeficitSeconds: 'WindowDeficitSeconds',
  /** Now less the latest restorable time (published only while PITR is on). */
  latestRestorableLagSeconds: 'LatestRestorableLagSeconds',
  /** Days since the table's latest successful drill finished (published only when it has one). */
  lastDrillAgeDays: 'LastDrillAgeDays',
} as const;

/**
 * The dimensions of a table's metrics: `TableName` and `Environment`.
 *
 * @example
 * metricDimensions('Prod', 'Prod-Orders'); // [{ Name: 'TableName', Value: 'Prod-Orders' }, { Name: 'Environment', Value: 'Prod' }]
 */
export function metricDimensions(environment: string, tableName: string): Dimension[] {
  return [
    { Name: 'TableName', Value: tableName },
    { Name: 'Environment', Value: environment },
  ];
}
