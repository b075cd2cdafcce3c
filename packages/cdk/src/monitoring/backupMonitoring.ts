import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import {
  DEFAULT_DRILL_MAX_AGE_DAYS,
  DEFAULT_MAX_RESTORABLE_LAG_SECONDS,
  DEFAULT_RETENTION_DAYS,
  DEFAULT_WINDOW_TOLERANCE_SECONDS,
  MONITOR_SETTINGS_VARIABLE,
  backupAlarmSpecs,
  monitorPolicyStatements,
  recoveryWeakeningPattern,
  type BackupAlarmSpec,
  type MonitorSettings,
  type PolicyTable,
} from '@dynamo-dr/core';
import { acknowledgeNagRule } from '../nagSuppressions.js';
import { MONITOR_HANDLER, workerBundle } from '../worker/workerBundle.js';
import type { BackupMonitoringProps } from './backupMonitoringProps.js';

/** What the backup monitoring of one environment is made with. */
export interface BackupMonitoringConstructProps {
  readonly environmentName: string;
  /** Every configured table, excluded ones too: an excluded table is never restored, but its backups still matter. */
  readonly tables: readonly PolicyTable[];
  readonly settings: BackupMonitoringProps;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: ITopic;
}

/**
 * The backups of an environment's tables, watched: the monitor Lambda (`@dynamo-dr/core/monitor`) every 5
 * minutes with its own role allowing exactly core's `monitorPolicyStatements`; the alarms of core's
 * `backupAlarmSpecs` to the alarm topic; and, with a topic, the EventBridge rule on core's
 * `recoveryWeakeningPattern` (CloudTrail events that weaken recovery) delivering to it. Nothing here restates an
 * alarm, a pattern or a permission: `dynamo-dr check` compares the deployed alarms with the same specifications.
 */
export class BackupMonitoring extends Construct {
  readonly monitor: lambda.Function;
  /** The alarms, by name (`DynamoDR-{environment}-{logicalName}-{kind}`). */
  readonly alarms: ReadonlyMap<string, cloudwatch.CfnAlarm>;
  /** The rule on recovery-weakening calls; none without an alarm topic. */
  readonly recoveryWeakenedRule?: events.Rule;

  constructor(scope: Construct, id: string, props: BackupMonitoringConstructProps) {
    super(scope, id);
    const { settings } = props;
    const drillReports = settings.drillReports && {
      s3Bucket: settings.drillReports.bucketName,
      s3Prefix: settings.drillReports.prefix ?? '',
    };
    const monitorSettings: MonitorSettings = {
      environment: props.environmentName,
      tables: props.tables,
      retentionDays: settings.retentionDays ?? DEFAULT_RETENTION_DAYS,
      ...(drillReports ? { drillReports } : {}),
    };
    this.monitor = this.monitorFunction(props, monitorSettings);
    const topicArns = props.alarmTopic ? [props.alarmTopic.topicArn] : [];
    const specs = backupAlarmSpecs(
      {
        environment: props.environmentName,
        tables: props.tables,
        windowToleranceSeconds: settings.windowTolerance?.toSeconds() ?? DEFAULT_WINDOW_TOLERANCE_SECONDS,
        maxRestorableLagSeconds: settings.maxRestorableLag?.toSeconds() ?? DEFAULT_MAX_RESTORABLE_LAG_SECONDS,
        drillMaxAgeDays: settings.drillMaxAge?.toDays() ?? DEFAULT_DRILL_MAX_AGE_DAYS,
        drillReports: drillReports ?? {},
      },
      { alarmActions: topicArns },
    );
    this.alarms = new Map(
      specs.map((spec) => [
        spec.input.AlarmName,
        new cloudwatch.CfnAlarm(this, `${spec.table.logicalName}${spec.kind}`, alarmProperties(spec)),
      ]),
    );
    if (props.alarmTopic) {
      // The target adds the topic policy statement that lets events.amazonaws.com publish (a topic of this app;
      // an imported topic's policy is its owner's: docs/monitoring.md).
      this.recoveryWeakenedRule = new events.Rule(this, 'RecoveryWeakened', {
        description: `dynamo-dr: a call weakened the recovery of a table of ${props.environmentName} (PITR off, a backup or table deleted, deletion protection off)`,
        eventPattern: eventPatternOf(recoveryWeakeningPattern(props.tables.map((t) => t.tableName))),
        targets: [new targets.SnsTopic(props.alarmTopic)],
      });
      allowCloudWatchToPublish(props.alarmTopic);
    }
  }

  /** The monitor: one function for the environment, run every 5 minutes (the period of every backup alarm). */
  private monitorFunction(props: BackupMonitoringConstructProps, settings: MonitorSettings): lambda.Function {
    const stack = Stack.of(this);
    // "DisasterRecovery" in the name: recovery mode never throttles it (recoveryMode.excludeNameContains).
    const functionName = `${props.environmentName}-DisasterRecoveryMonitor`;
    const logGroup = new logs.LogGroup(this, 'MonitorLogs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention,
    });
    const calls = monitorPolicyStatements(settings, {
      region: stack.region,
      account: stack.account,
      partition: stack.partition,
    });
    const role = new iam.Role(this, 'MonitorRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `dynamo-dr backup monitor of ${props.environmentName}: reads the tables' PITR status, publishes in DynamoDR`,
      inlinePolicies: {
        MonitorCalls: new iam.PolicyDocument({
          statements: [
            ...calls.map((statement) => iam.PolicyStatement.fromJson(statement)),
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });
    acknowledgeNagRule(role, 'AwsSolutions-IAM5', MONITOR_WILDCARDS_REASON, {
      resources: calls.flatMap((s) => s.Resource).filter((arn) => arn.endsWith('*')),
    });
    const monitor = new lambda.Function(this, 'Monitor', {
      functionName,
      description: `dynamo-dr backup monitor of ${props.environmentName}: publishes PITR status, window and drill age`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(workerBundle().directory),
      handler: MONITOR_HANDLER,
      // Two DescribeX calls per table and one PutMetricData each: seconds, even for the ~40 tables the settings'
      // 4 KB of environment hold.
      timeout: Duration.minutes(1),
      memorySize: 256,
      role,
      logGroup,
      environment: { [MONITOR_SETTINGS_VARIABLE]: stack.toJsonString(settings) },
    });
    acknowledgeNagRule(monitor, 'AwsSolutions-L1', RUNTIME_REASON);
    new events.Rule(this, 'MonitorSchedule', {
      description: `dynamo-dr: runs the backup monitor of ${props.environmentName} every 5 minutes`,
      schedule: events.Schedule.rate(Duration.minutes(5)),
      // A missed run is not retried: the next one comes 5 minutes later, and a monitor that stops reporting
      // alarms (PitrDisabled treats missing data as breaching).
      targets: [new targets.LambdaFunction(monitor, { retryAttempts: 0 })],
    });
    return monitor;
  }
}

/** A backup alarm's PutMetricAlarm input as the properties of an `AWS::CloudWatch::Alarm`: field by field. */
function alarmProperties({ input }: BackupAlarmSpec): cloudwatch.CfnAlarmProps {
  return {
    alarmName: input.AlarmName,
    alarmDescription: input.AlarmDescription,
    namespace: input.Namespace,
    metricName: input.MetricName,
    dimensions: input.Dimensions?.map((d) => ({ name: d.Name!, value: d.Value! })),
    statistic: input.Statistic,
    period: input.Period,
    evaluationPeriods: input.EvaluationPeriods!,
    datapointsToAlarm: input.DatapointsToAlarm,
    comparisonOperator: input.ComparisonOperator!,
    threshold: input.Threshold,
    treatMissingData: input.TreatMissingData,
    actionsEnabled: input.ActionsEnabled,
    alarmActions: input.AlarmActions,
    okActions: input.OKActions,
  };
}

/** An EventBridge pattern (`detail-type`, …) as the CDK's EventPattern names its fields. */
function eventPatternOf(pattern: Record<string, unknown>): events.EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern;
  return { ...rest, detailType } as events.EventPattern;
}

/**
 * A topic policy replaces SNS's default one (which lets the account's principals publish): CloudWatch's alarms
 * of this account keep publishing (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html).
 */
function allowCloudWatchToPublish(topic: ITopic): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(topic).account } },
    }),
  );
}

const RUNTIME_REASON =
  'The monitor is bundled for Node 22 (esbuild target node22), the runtime this construct promises (nodejs22.x, supported by Lambda while Node 22 is maintained); a newer runtime is adopted deliberately, with its own test run.';
const MONITOR_WILDCARDS_REASON =
  "PutMetricData takes no resource-level permission (the cloudwatch:namespace condition scopes it to DynamoDR); the drill reports are every object under their prefix, whose names carry the drill's date.";
