import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  DEFAULT_DRILL_TARGETS,
  JOURNAL_TABLE_VARIABLE,
  drillStateMachineDefinition,
  drillStateMachineName,
  drillWorkerPermissions,
  type DrillResources,
  type ScheduledDrillSettings,
  type TableRestoreSettings,
} from '@dynamo-dr/core';
import { acknowledgeNagRule } from '../nagSuppressions.js';
import { workerLambda } from '../worker/workerLambda.js';
import { workflowStateMachine } from '../workflowStateMachine.js';
import type { ScheduledDrillProps } from './scheduledDrillProps.js';

/**
 * Quarterly: 06:00 UTC on the first day of January, April, July and October.
 *
 * @example
 * new DisasterRecovery(this, 'DR', { ...props, drill: { table: 'Staging-Orders', schedule: DEFAULT_DRILL_SCHEDULE } });
 */
export const DEFAULT_DRILL_SCHEDULE = 'cron(0 6 1 1,4,7,10 ? *)';
/** Where the reports go in the bucket. */
export const DEFAULT_DRILL_PREFIX = 'recovery-tests/';
/** How long the drill may wait for T to become restorable, and then for the restore ("can take several hours"). */
const DRILL_DEADLINE_MINUTES = 360;

/** What one scheduled drill is made with. */
export interface ScheduledDrillConstructProps {
  readonly drill: ScheduledDrillProps;
  /** The drilled table's settings (its name and logical name). */
  readonly settings: TableRestoreSettings;
  readonly environmentName: string;
  readonly journal: ITable;
  readonly logRetention: logs.RetentionDays;
}

/**
 * A scheduled restore-as drill of one staging table: the report bucket (created unless given), the drill worker
 * (the worker bundle, with a role of exactly what the drill's handlers call), the state machine generated from
 * core's drill workflow (`DRDrillDynamoDbTable{Table}StateMachine`), and the EventBridge Scheduler schedule that
 * starts it, with a role that may start that machine only. Made by `DisasterRecovery` from its `drill` prop.
 *
 * @example
 * const recovery = new DisasterRecovery(stack, 'DisasterRecovery', { environmentName: 'Staging', tables, drill: { table: 'Staging-Orders' } });
 * recovery.drill?.bucket.grantRead(auditorsRole); // the drill reports
 */
export class ScheduledDrill extends Construct {
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  readonly worker: lambda.Function;
  readonly stateMachine: sfn.CfnStateMachine;
  readonly stateMachineName: string;
  readonly schedule: scheduler.CfnSchedule;

  constructor(scope: Construct, id: string, props: ScheduledDrillConstructProps) {
    super(scope, id);
    const { drill, settings } = props;
    const stack = Stack.of(this);
    this.prefix = drill.prefix ?? DEFAULT_DRILL_PREFIX;
    this.bucket = drill.bucket ?? this.reportBucket();
    this.stateMachineName = drillStateMachineName(settings.logicalName);
    const drillSettings: ScheduledDrillSettings = {
      tableName: settings.tableName,
      environment: props.environmentName,
      targets: {
        rtoMinutes: drill.rtoTarget?.toMinutes() ?? DEFAULT_DRILL_TARGETS.rtoMinutes,
        rpoMinutes: drill.rpoTarget?.toMinutes() ?? DEFAULT_DRILL_TARGETS.rpoMinutes,
      },
      reports: { s3Bucket: this.bucket.bucketName, s3Prefix: this.prefix },
      deadlineMinutes: DRILL_DEADLINE_MINUTES,
    };
    this.worker = this.drillWorker(props, drillSettings);
    this.stateMachine = workflowStateMachine(this, {
      name: this.stateMachineName,
      definition: drillStateMachineDefinition(drillSettings, this.worker.functionArn),
      worker: this.worker,
      calls: [],
      logRetention: props.logRetention,
      includeExecutionData: !settings.sensitive,
    });
    const machineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // EventBridge Scheduler assumes this role to start the machine
    // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role).
    const role = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: `Starts the dynamo-dr drill ${this.stateMachineName}`,
      inlinePolicies: {
        StartDrill: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [machineArn] })],
        }),
      },
    });
    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      description: `dynamo-dr recovery drill of ${settings.tableName} (restore-as)`,
      scheduleExpression: drill.schedule ?? DEFAULT_DRILL_SCHEDULE,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: { arn: this.stateMachine.attrArn, roleArn: role.roleArn, input: '{}' },
    });
  }

  /** The report bucket: encrypted, TLS only, no public access, kept when the stack goes (the drill history). */
  private reportBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'Reports', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNagRule(bucket, 'AwsSolutions-S1', ACCESS_LOGS_REASON);
    return bucket;
  }

  private drillWorker(props: ScheduledDrillConstructProps, drillSettings: ScheduledDrillSettings): lambda.Function {
    const { settings } = props;
    const stack = Stack.of(this);
    const functionName = `${props.environmentName}-DisasterRecovery-Drill-${settings.logicalName}`;
    const logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention,
    });
    const tableArn = (name: string) => stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName: name });
    const arnOf: DrillResources = {
      table: tableArn(settings.tableName),
      // The restored tables and their indexes (`{table}-drill-{id}/index/{name}`): planDrill names them so.
      drillTables: tableArn(`${settings.tableName}-drill-*`),
      journal: props.journal.tableArn,
      reports: this.bucket.arnForObjects(`${this.prefix}*`),
    };
    const statements = drillWorkerPermissions(drillSettings, arnOf).map(
      ({ actions, resources }) => new iam.PolicyStatement({ actions: [...actions], resources: [...resources] }),
    );
    statements.push(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const role = new iam.Role(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `dynamo-dr drill worker of ${settings.logicalName}: drills this table only`,
      inlinePolicies: { DrillCalls: new iam.PolicyDocument({ statements }) },
    });
    acknowledgeNagRule(role, 'AwsSolutions-IAM5', DRILL_WILDCARDS_REASON, {
      resources: [arnOf.drillTables, arnOf.reports, logGroup.logGroupArn],
    });
    return workerLambda(this, 'Worker', {
      functionName,
      description: `dynamo-dr scheduled drill of ${settings.logicalName}`,
      role,
      logGroup,
      environment: { [JOURNAL_TABLE_VARIABLE]: props.journal.tableName },
    });
  }
}

const ACCESS_LOGS_REASON =
  'The bucket holds drill reports only, written by the drill worker and read by the monitor, both through their own roles; CloudTrail records who reads or writes them. Server access logs would need a second bucket for no further question answered.';
const DRILL_WILDCARDS_REASON =
  "Each wildcard is the narrowest IAM allows: a drill's restored table is named {table}-drill-{id} (unknown until the drill is planned); the reports are every object under their prefix, named by the drill's date; a log group's ARN ends in :* for its streams.";
