import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DisasterRecoveryProps } from './disasterRecoveryProps.js';
import { assertValidProps } from './propsValidation.js';
import { resolveTable } from './resolvedTable.js';
import { acknowledgeNagRule } from './nagSuppressions.js';
import { TableRecovery } from './tableRecovery.js';
import { BackupMonitoring } from './monitoring/backupMonitoring.js';
import { DynamoDbCostBudget } from './monitoring/dynamoDbCostBudget.js';
import type { BackupMonitoringProps } from './monitoring/backupMonitoringProps.js';
import { ScheduledDrill } from './drill/scheduledDrill.js';

/** A scheduled drill runs quarterly: its last success may be a quarter and ten days' grace old. */
const DEFAULT_SCHEDULED_DRILL_MAX_AGE = Duration.days(100);

const EXECUTIONS_REASON =
  "An execution is named when it starts (the CLI names it after the incident; a Distributed Map names its iterations and map runs; CloudFormation appends its id to the stack's ARN): the operators follow the executions of these restore state machines, read a failed sync's map runs and iterations, and describe this stack's resources, which only a wildcard after the name covers.";

/**
 * dynamo-dr's recovery workflows in AWS, for the tables of one environment. Per table (excluded tables get
 * nothing): `DRRestoreDynamoDbTable{Table}StateMachine`, which an operator starts with exactly
 * `{ incidentId, pitrBackupTime, tableNameRecoveryConfirmation }`, its child `{Table}DRSyncTableDataStateMachine`
 * (a Distributed Map over scan segments), and the worker Lambda both call, each with its own role allowing
 * exactly what it calls on that table. Shared: the run-journal table (runs and recovery locks; PITR and
 * deletion protection on, retained); the backup monitoring of every table, excluded ones too (the monitor Lambda
 * every 5 minutes, its alarms, the rule on calls that weaken recovery); the DynamoDB cost budget when asked for.
 *
 * @example
 * const recovery = new DisasterRecovery(stack, 'DisasterRecovery', {
 *   environmentName: 'Prod',
 *   tables: [{ table: ordersTable }, { table: 'Prod-ProviderTable', mode: 'reset' }, { table: 'Prod-SSN', excluded: true }],
 *   alarmTopic,
 *   monitoring: { retentionDays: 35, drillReports: { bucketName: 'prod-dr-reports', prefix: 'recovery-tests/' } },
 *   costBudget: { monthlyLimitUsd: 50 },
 * });
 * recovery.grantStartRecovery(operatorsRole);
 */
export class DisasterRecovery extends Construct {
  /** Runs and recovery locks of every table's recoveries. */
  readonly journal: dynamodb.Table;
  /** The journal's name, known at synth (ARNs built from it need no reference across stacks). */
  private readonly journalName: string;
  /** The recovery of each table that is not excluded, by logical name. */
  readonly tables: ReadonlyMap<string, TableRecovery>;
  /** The monitor Lambda, its schedule and the backup alarms of every table. */
  readonly monitoring: BackupMonitoring;
  /** The scheduled drill, when `drill` asks for one. */
  readonly drill?: ScheduledDrill;
  /** The DynamoDB cost budget, when `costBudget` asks for one. */
  readonly costBudget?: DynamoDbCostBudget;

  constructor(scope: Construct, id: string, props: DisasterRecoveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const tables = props.tables.map((table) => resolveTable(stack, table, props));
    assertValidProps(stack, props, tables);
    this.journalName = `${props.environmentName}-DisasterRecoveryJournal`;
    this.journal = new dynamodb.Table(this, 'Journal', {
      tableName: this.journalName,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The journal is the record of every recovery: deleting the stack keeps it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const recoveries = new Map<string, TableRecovery>();
    for (const table of tables.filter((t) => !t.excluded)) {
      recoveries.set(
        table.settings.logicalName,
        new TableRecovery(this, table.settings.logicalName, {
          table,
          environmentName: props.environmentName,
          journal: this.journal,
          logRetention,
          alarmTopic: props.alarmTopic,
        }),
      );
    }
    this.tables = recoveries;
    if (props.drill) {
      const drilled = tables.find((t) => t.settings.tableName === props.drill!.table)!;
      this.drill = new ScheduledDrill(this, 'Drill', {
        drill: props.drill,
        settings: drilled.settings,
        environmentName: props.environmentName,
        journal: this.journal,
        logRetention,
      });
    }
    this.monitoring = new BackupMonitoring(this, 'Monitoring', {
      environmentName: props.environmentName,
      tables: tables.map(({ settings }) => ({ tableName: settings.tableName, logicalName: settings.logicalName })),
      settings: this.monitoringSettings(props),
      logRetention,
      alarmTopic: props.alarmTopic,
    });
    if (props.costBudget) {
      this.costBudget = new DynamoDbCostBudget(this, 'CostBudget', {
        ...props.costBudget,
        environmentName: props.environmentName,
        alarmTopic: props.alarmTopic,
      });
    }
  }

  /** The monitoring's settings: with a scheduled drill, its reports and age unless the props name others. */
  private monitoringSettings(props: DisasterRecoveryProps): BackupMonitoringProps {
    const monitoring = props.monitoring ?? {};
    if (!this.drill) return monitoring;
    return {
      ...monitoring,
      drillReports: monitoring.drillReports ?? { bucketName: this.drill.bucket.bucketName, prefix: this.drill.prefix },
      drillMaxAge: monitoring.drillMaxAge ?? props.drill?.maxAge ?? DEFAULT_SCHEDULED_DRILL_MAX_AGE,
    };
  }

  /**
   * Lets `grantee` (the operators' role) start a recovery of any of these tables and follow it:
   * `states:StartExecution` on the restore and revert state machines only (never the sync machines, which take
   * a plan, not an operator's input), `states:DescribeExecution`, `states:GetExecutionHistory` and
   * `states:StopExecution` on their executions, and `states:DescribeStateMachine` and
   * `states:ListExecutions` on the machines (to find a running execution again).
   *
   * @example
   * recovery.grantStartRecovery(iam.Role.fromRoleName(this, 'Operators', 'prod-dr-operators'));
   */
  grantStartRecovery(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const names = [...this.tables.values()].flatMap((t) => [
      t.restoreStateMachineName,
      ...(t.revertStateMachineName ? [t.revertStateMachineName] : []),
    ]);
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const machines = names.map((name) => arn('stateMachine', name));
    const executions = names.map((name) => arn('execution', `${name}:*`));
    const start = iam.Grant.addToPrincipal({
      grantee,
      actions: ['states:DescribeStateMachine', 'states:ListExecutions', 'states:StartExecution'],
      resourceArns: machines,
    });
    const follow = iam.Grant.addToPrincipal({
      grantee,
      actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
      resourceArns: executions,
    });
    // What `dynamo-dr restore --executor step-functions` reads besides: the stack's machines and journal, the
    // tables (validated as in-process), the run and lock, and a failed sync's iteration (its real cause).
    const recoveries = [...this.tables.values()];
    const syncNames = recoveries.flatMap((t) => [
      t.syncStateMachineName,
      ...(t.revertStateMachineName ? [t.revertStateMachineName] : []),
    ]);
    const revertBuckets = [
      ...new Set(recoveries.flatMap((t) => (t.exportBucket ? [`arn:${stack.partition}:s3:::${t.exportBucket}`] : []))),
    ];
    const syncExecutions = syncNames.flatMap((name) => [arn('execution', `${name}:*`), arn('execution', `${name}/*`)]);
    const mapRuns = syncNames.map((name) => arn('mapRun', `${name}/*`));
    // A stack's ARN ends in its id, made by CloudFormation: the name and a wildcard name it.
    const stackArn = stack.formatArn({
      service: 'cloudformation',
      resource: 'stack',
      resourceName: `${stack.stackName}/*`,
    });
    const reads = [
      // By name, not by reference: the grantee's role often lives in another stack, and a reference would export.
      {
        actions: ['cloudformation:DescribeStackResources'],
        resourceArns: [stackArn],
      },
      {
        actions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTable'],
        resourceArns: recoveries.map((t) => t.tableArn),
      },
      {
        actions: ['dynamodb:GetItem', 'dynamodb:Scan'],
        resourceArns: [stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: this.journalName })],
      },
      { actions: ['states:DescribeExecution', 'states:ListMapRuns'], resourceArns: syncExecutions },
      { actions: ['states:ListExecutions'], resourceArns: mapRuns },
      // A revert is validated as in-process: its exports' bucket must exist (HeadBucket).
      ...(revertBuckets.length ? [{ actions: ['s3:ListBucket'], resourceArns: revertBuckets }] : []),
    ].map((statement) => iam.Grant.addToPrincipal({ grantee, ...statement }));
    if (Construct.isConstruct(grantee)) {
      acknowledgeNagRule(grantee, 'AwsSolutions-IAM5', EXECUTIONS_REASON, {
        resources: [...executions, ...syncExecutions, ...mapRuns, stackArn],
      });
    }
    return reads.reduce((grant, read) => grant.combine(read), start.combine(follow));
  }
}
