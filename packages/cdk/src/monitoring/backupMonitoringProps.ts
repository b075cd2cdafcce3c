import type { Duration } from 'aws-cdk-lib';

/**
 * What the backups of the construct's tables must be, watched on AWS: the monitor Lambda measures each table
 * every 5 minutes and publishes its metrics in `DynamoDR`; the alarms compare them with these values (the same
 * as the `backups` and `drills` settings of the configuration file, docs/configuration.md#backups).
 */
export interface BackupMonitoringProps {
  /** The PITR retention every table must have (`RecoveryPeriodInDays`, 1–35). @default 35 */
  readonly retentionDays?: number;
  /**
   * How far the earliest restorable time may be after where the retention puts it before the window counts as
   * short (alarm WindowBelowRetention). Whole seconds, at most 35 days.
   * @default Duration.hours(1)
   */
  readonly windowTolerance?: Duration;
  /**
   * How far the latest restorable time may trail now (alarm RestorableLagHigh; AWS's is typically about 5
   * minutes). Whole seconds, from 1 second to 1 day.
   * @default Duration.minutes(10)
   */
  readonly maxRestorableLag?: Duration;
  /**
   * Where the drill reports are (`dynamo-dr drill` writes them): the monitor reads them for LastDrillAgeDays,
   * and each table gets the alarm DrillOverdue.
   * @default - no drill age is published and there is no DrillOverdue alarm
   */
  readonly drillReports?: { readonly bucketName: string; readonly prefix?: string };
  /** A table's last successful drill may be this old at most (alarm DrillOverdue). Whole days. @default Duration.days(90) */
  readonly drillMaxAge?: Duration;
}

/**
 * An AWS Budgets cost budget on the account's DynamoDB spend (every table of the account, the service filter
 * being what Budgets offers): notified at 80% of the limit spent and when the month's forecast exceeds it.
 */
export interface CostBudgetProps {
  /** The monthly limit, in US dollars (more than 0). */
  readonly monthlyLimitUsd: number;
  /**
   * Email addresses notified besides the alarm topic (at most 10; AWS Budgets allows 10 email subscribers per
   * notification). Required when there is no `alarmTopic`.
   * @default - the alarm topic only
   */
  readonly emails?: readonly string[];
}
