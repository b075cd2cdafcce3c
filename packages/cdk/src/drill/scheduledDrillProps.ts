import type { Duration } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

/**
 * A recovery drill run on a schedule on AWS (the runbook's quarterly simulation): the restore-as scenario of
 * `dynamo-dr drill` on one staging table, as a Step Functions state machine started by EventBridge Scheduler, its
 * JSON report put in S3; the monitor then publishes LastDrillAgeDays from the newest report and alarms
 * (DrillOverdue) past `maxAge`.
 */
export interface ScheduledDrillProps {
  /** The staging table drilled: the physical name of one of the construct's tables (not an excluded one). */
  readonly table: string;
  /**
   * When the drill runs: an EventBridge Scheduler `cron(...)` or `rate(...)` expression, in UTC.
   * @default 'cron(0 6 1 1,4,7,10 ? *)' (quarterly: 06:00 UTC on the first of January, April, July and October)
   */
  readonly schedule?: string;
  /**
   * The bucket the reports go to (the monitor reads them there).
   * @default - a bucket created for them (encrypted, TLS only, no public access, retained)
   */
  readonly bucket?: IBucket;
  /** The key prefix of the reports in the bucket. @default 'recovery-tests/' */
  readonly prefix?: string;
  /** The drill's RTO target, whole minutes. @default Duration.minutes(30) */
  readonly rtoTarget?: Duration;
  /** The drill's RPO target, whole minutes. @default Duration.minutes(5) */
  readonly rpoTarget?: Duration;
  /**
   * The most a successful drill may be old (alarm DrillOverdue on LastDrillAgeDays); sets the monitoring's
   * `drillMaxAge` when that is not given. Whole days.
   * @default Duration.days(100) (a quarter, and ten days' grace)
   */
  readonly maxAge?: Duration;
}
