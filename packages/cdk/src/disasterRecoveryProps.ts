import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { BackupMonitoringProps, CostBudgetProps } from './monitoring/backupMonitoringProps.js';
import type { ScheduledDrillProps } from './drill/scheduledDrillProps.js';

/** A table's revert (`DRRevertDynamoDbTable{logicalName}StateMachine`): where its incremental exports go. */
export interface RevertProps {
  /**
   * The S3 bucket, in the stack's account, the incremental exports are written to (its name). The worker may
   * write and read objects under `exportPrefix` in it, and nothing else of S3.
   */
  readonly exportBucket: string;
  /** The key prefix of the exports in the bucket. @default - none (AWS writes under `AWSDynamoDB/`) */
  readonly exportPrefix?: string;
  /**
   * The shortest incremental export period the account accepts: a revert whose window is shorter is refused.
   * @default Duration.minutes(15) (AWS's)
   */
  readonly minExportPeriod?: Duration;
}

/** One table whose recovery the construct deploys. */
export interface RecoveredTableProps {
  /**
   * The table: a construct of this app, or the name or ARN of an existing table (imported). The recovery runs in
   * the stack's region and account: an ARN naming others is refused when the stack's are known (a PITR restore
   * is made in the table's own region).
   */
  readonly table: ITable | string;
  /**
   * The name in the state machine names (`DRRestoreDynamoDbTable{logicalName}StateMachine`), letters and
   * digits, at most 46 characters (state machine names have at most 80). Required when the table's name is
   * not known at synth time (a table created by this app without an explicit `tableName`).
   * @default - the table name without its characters other than letters and digits
   */
  readonly logicalName?: string;
  /**
   * Parallel scan segments of the sync: one iteration of the Distributed Map, one Lambda invocation at a time,
   * each.
   * @default 4
   */
  readonly segments?: number;
  /**
   * How the live table is synced to the restored data: `delta` writes only the differences (the table is never
   * empty); `reset` deletes every item, then copies all back.
   * @default 'delta'
   */
  readonly mode?: 'delta' | 'reset';
  /**
   * The table holds sensitive data: its workflows log no execution data, its checkpoints are encrypted with a
   * key derived from a generated Secrets Manager secret, and errors name key digests instead of keys.
   * @default false
   */
  readonly sensitive?: boolean;
  /** An excluded table gets no resources at all, so nothing can restore it. @default false */
  readonly excluded?: boolean;
  /** Keep the temporary restored table after a verified sync (it is deleted otherwise). @default false */
  readonly keepRestoredTable?: boolean;
  /**
   * The customer managed KMS key the table is encrypted with. The worker may use it through DynamoDB only, and
   * the restored table is encrypted with the same key.
   * @default - the `encryptionKey` of an `ITable`; none for a table imported by name or ARN (AWS owned or AWS
   * managed key)
   */
  readonly encryptionKey?: IKey;
  /**
   * Deploy the table's revert too: `dynamo-dr restore --mode revert --executor step-functions` undoes the writes
   * since a time through incremental exports to this bucket, with no PITR restore.
   * @default - no revert state machine
   */
  readonly revert?: RevertProps;
}

/** Props of {@link DisasterRecovery}. */
export interface DisasterRecoveryProps {
  /**
   * The environment these tables belong to (`Prod`), as in the configuration file: it names the run-journal
   * table (`{environmentName}-DisasterRecoveryJournal`) and the worker functions
   * (`{environmentName}-DisasterRecovery-{logicalName}`, which recovery mode never throttles).
   */
  readonly environmentName: string;
  /** The tables, each with its recovery options. */
  readonly tables: readonly RecoveredTableProps[];
  /**
   * Notified when a restore execution fails, times out or is aborted (one CloudWatch alarm per table), by the
   * backup alarms (PITR off, window short, lag high, drill overdue), by the rule on calls that weaken recovery,
   * and by the cost budget. A topic of this app gets the policy statements that let CloudWatch, EventBridge and
   * AWS Budgets publish to it; an imported topic's policy must allow them (docs/monitoring.md).
   * @default - no restore failure alarms, no rule on recovery-weakening calls; the backup alarms exist but
   * notify no one (and `dynamo-dr check` fails them)
   */
  readonly alarmTopic?: ITopic;
  /**
   * The backup monitoring of every table, excluded ones too (an excluded table is never restored, but its
   * backups are still watched): the monitor Lambda every 5 minutes, and its alarms. Always deployed.
   * @default - retention 35 days, window tolerance 1 hour, lag 10 minutes, no drill reports
   */
  readonly monitoring?: BackupMonitoringProps;
  /**
   * A recovery drill of one staging table on a schedule (restore-as, quarterly by default), its JSON reports in S3.
   * The monitoring reads them for LastDrillAgeDays and its DrillOverdue alarm unless `monitoring.drillReports`
   * names other reports.
   * @default - no scheduled drill
   */
  readonly drill?: ScheduledDrillProps;
  /**
   * An AWS Budgets cost budget on the account's DynamoDB spend.
   * @default - no budget
   */
  readonly costBudget?: CostBudgetProps;
  /**
   * How long the workers' and the state machines' logs are kept.
   * @default RetentionDays.ONE_YEAR
   */
  readonly logRetention?: RetentionDays;
  /**
   * How long the forensic backup and the PITR restore may take together before a run stops ("can take several
   * hours", AWS says). The restore state machine's timeout follows from it: this deadline, the sync's 24 hours,
   * and an hour for cleanup. Whole minutes, from 1 minute to 7 days.
   * @default Duration.hours(6)
   */
  readonly restoreDeadline?: Duration;
}
