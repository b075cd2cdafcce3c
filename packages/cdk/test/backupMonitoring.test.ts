import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sns from 'aws-cdk-lib/aws-sns';
import { recoveryWeakeningPattern } from '@dynamo-dr/core';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisasterRecovery } from '../src/index.js';
import { resourcesOfType, roleStatements, written, type TemplateJson } from './templateReading.js';

const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table';
const TOPIC = { Ref: expect.stringMatching(/^Alarms[0-9A-F]{8}$/) as unknown as string };

let stack: Stack;
let template: TemplateJson;

// One synthesis: a table of the app, one imported by name, one excluded; drill reports in S3; a 2-hour window
// tolerance and 15-minute lag; the alarm topic of the app; a cost budget; cdk-nag's AwsSolutions.
beforeAll(() => {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  stack = new Stack(app, 'Recovery');
  const orders = new dynamodb.Table(stack, 'Orders', {
    tableName: 'Prod-Orders',
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  new DisasterRecovery(stack, 'DisasterRecovery', {
    environmentName: 'Prod',
    tables: [
      { table: orders, logicalName: 'Orders' },
      { table: 'Prod-Events', logicalName: 'Events' },
      { table: 'Prod-SSN', logicalName: 'Ssn', excluded: true },
    ],
    alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
    monitoring: {
      retentionDays: 30,
      windowTolerance: Duration.hours(2),
      maxRestorableLag: Duration.minutes(15),
      drillReports: { bucketName: 'prod-dr-reports', prefix: 'recovery-tests/' },
      drillMaxAge: Duration.days(60),
    },
    costBudget: { monthlyLimitUsd: 120, emails: ['dba@example.com'] },
  });
  template = Template.fromStack(stack).toJSON() as TemplateJson;
});

function monitorFunction(): [string, Record<string, unknown>] {
  const found = resourcesOfType(template, 'AWS::Lambda::Function').find(
    ([, p]) => p.FunctionName === 'Prod-DisasterRecoveryMonitor',
  );
  if (!found) throw new Error('no monitor function');
  return found;
}

describe('DisasterRecovery backup monitoring', () => {
  it('runs the monitor on nodejs22.x, arm64, from the shared asset, with the tables (excluded ones too) and the retention', () => {
    const [, monitor] = monitorFunction();
    expect(monitor).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'monitor.handler' });
    const settings = (monitor.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(settings)).toEqual(['DYNAMO_DR_MONITOR_SETTINGS']);
    expect(JSON.parse(written(settings.DYNAMO_DR_MONITOR_SETTINGS, template) as string)).toEqual({
      environment: 'Prod',
      tables: [
        { tableName: 'Prod-Orders', logicalName: 'Orders' },
        { tableName: 'Prod-Events', logicalName: 'Events' },
        { tableName: 'Prod-SSN', logicalName: 'Ssn' },
      ],
      retentionDays: 30,
      drillReports: { s3Bucket: 'prod-dr-reports', s3Prefix: 'recovery-tests/' },
    });
    const workers = resourcesOfType(template, 'AWS::Lambda::Function').filter(([, p]) => p !== monitor);
    expect(workers.map(([, p]) => p.Code)).toEqual(workers.map(() => monitor.Code));
  });

  it('runs it every 5 minutes from an EventBridge schedule that may invoke it', () => {
    const [monitorId] = monitorFunction();
    const schedules = resourcesOfType(template, 'AWS::Events::Rule').filter(([, p]) => p.ScheduleExpression);
    expect(schedules.map(([, p]) => [p.ScheduleExpression, p.State, p.Targets])).toEqual([
      [
        'rate(5 minutes)',
        'ENABLED',
        [{ Arn: { 'Fn::GetAtt': [monitorId, 'Arn'] }, Id: 'Target0', RetryPolicy: { MaximumRetryAttempts: 0 } }],
      ],
    ]);
    const permissions = resourcesOfType(template, 'AWS::Lambda::Permission');
    expect(permissions.map(([, p]) => p)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [monitorId, 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [schedules[0]![0], 'Arn'] },
      },
    ]);
  });

  it("gives the monitor's role exactly core's monitor statements and its own log group, nothing else", () => {
    const [, monitor] = monitorFunction();
    const role = (monitor.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expect(roleStatements(template).get(role)).toEqual([
      {
        actions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTable'],
        resources: [`${TABLE}/Prod-Events`, `${TABLE}/Prod-Orders`, `${TABLE}/Prod-SSN`],
      },
      {
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': 'DynamoDR' } },
      },
      {
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::prod-dr-reports'],
        conditions: { StringLike: { 's3:prefix': 'recovery-tests/*' } },
      },
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::prod-dr-reports/recovery-tests/*'] },
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [expect.stringMatching(/^<DisasterRecoveryMonitoringMonitorLogs[0-9A-F]{8}\.Arn>$/)],
      },
    ]);
  });

  it('alarms the topic for each table: PITR disabled (missing data breaching), window below retention, lag too high, drill overdue', () => {
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm')
      .filter(([, p]) => p.Namespace === 'DynamoDR')
      .map(([, p]) => written(p, template));
    const topic = expect.stringMatching(/^<Alarms[0-9A-F]{8}>$/);
    const expected = (table: string, logicalName: string) => {
      const common = {
        Namespace: 'DynamoDR',
        Dimensions: [
          { Name: 'TableName', Value: table },
          { Name: 'Environment', Value: 'Prod' },
        ],
        ActionsEnabled: true,
        AlarmActions: [topic],
        OKActions: [topic],
        AlarmDescription: expect.stringContaining(`Table ${table} (Prod). What to do: docs/monitoring.md#`),
      };
      const alarm = (kind: string, rule: Record<string, unknown>) => ({
        ...common,
        AlarmName: `DynamoDR-Prod-${logicalName}-${kind}`,
        EvaluationPeriods: 1,
        Period: 300,
        ...rule,
      });
      return [
        alarm('PitrDisabled', {
          MetricName: 'PitrEnabled',
          Statistic: 'Minimum',
          ComparisonOperator: 'LessThanThreshold',
          Threshold: 1,
          TreatMissingData: 'breaching',
        }),
        alarm('WindowBelowRetention', {
          MetricName: 'WindowDeficitSeconds',
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 7200,
          TreatMissingData: 'notBreaching',
        }),
        alarm('RestorableLagHigh', {
          MetricName: 'LatestRestorableLagSeconds',
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 900,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          TreatMissingData: 'notBreaching',
        }),
        alarm('DrillOverdue', {
          MetricName: 'LastDrillAgeDays',
          Statistic: 'Maximum',
          ComparisonOperator: 'GreaterThanThreshold',
          Threshold: 60,
          Period: 3600,
          TreatMissingData: 'breaching',
        }),
      ];
    };
    expect(alarms).toEqual([
      ...expected('Prod-Orders', 'Orders'),
      ...expected('Prod-Events', 'Events'),
      ...expected('Prod-SSN', 'Ssn'),
    ]);
  });

  it("sends the CloudTrail events that weaken recovery of these tables to the topic, by core's pattern, and lets EventBridge publish", () => {
    const rules = resourcesOfType(template, 'AWS::Events::Rule').filter(([, p]) => p.EventPattern);
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(written(rule.EventPattern, template)).toEqual(
      recoveryWeakeningPattern(['Prod-Orders', 'Prod-Events', 'Prod-SSN']),
    );
    expect(rule.Targets).toEqual([{ Arn: TOPIC, Id: 'Target0' }]);
    const [[, policy]] = resourcesOfType(template, 'AWS::SNS::TopicPolicy') as [[string, Record<string, unknown>]];
    const statements = (written(policy.PolicyDocument, template) as { Statement: Record<string, unknown>[] }).Statement;
    const publishers = statements
      .filter((s) => s.Effect === 'Allow')
      .map((s) => [s.Principal, s.Action, s.Resource, s.Condition]);
    const topic = expect.stringMatching(/^<Alarms[0-9A-F]{8}>$/);
    const ownAccount = { StringEquals: { 'aws:SourceAccount': '111122223333' } };
    expect(publishers).toEqual([
      [{ Service: 'events.amazonaws.com' }, 'sns:Publish', topic, undefined],
      [{ Service: 'cloudwatch.amazonaws.com' }, 'sns:Publish', topic, ownAccount],
      [{ Service: 'budgets.amazonaws.com' }, 'sns:Publish', topic, ownAccount],
    ]);
  });

  it('budgets the monthly DynamoDB cost, notifying the topic and the emails at 80% spent and at a forecast above the limit', () => {
    const budgets = resourcesOfType(template, 'AWS::Budgets::Budget').map(([, p]) => p);
    const subscribers = [
      { SubscriptionType: 'SNS', Address: TOPIC },
      { SubscriptionType: 'EMAIL', Address: 'dba@example.com' },
    ];
    expect(budgets).toEqual([
      {
        Budget: {
          BudgetName: 'Prod-DynamoDB',
          BudgetType: 'COST',
          TimeUnit: 'MONTHLY',
          BudgetLimit: { Amount: 120, Unit: 'USD' },
          CostFilters: { Service: ['Amazon DynamoDB'] },
        },
        NotificationsWithSubscribers: [
          {
            Notification: {
              NotificationType: 'ACTUAL',
              ComparisonOperator: 'GREATER_THAN',
              Threshold: 80,
              ThresholdType: 'PERCENTAGE',
            },
            Subscribers: subscribers,
          },
          {
            Notification: {
              NotificationType: 'FORECASTED',
              ComparisonOperator: 'GREATER_THAN',
              Threshold: 100,
              ThresholdType: 'PERCENTAGE',
            },
            Subscribers: subscribers,
          },
        ],
      },
    ]);
  });

  it("passes cdk-nag's AwsSolutions checks", () => {
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('without a topic: the alarms exist with no action (check fails them), no rule, no budget', () => {
    const bare = new Stack(new App(), 'Bare');
    new DisasterRecovery(bare, 'DisasterRecovery', { environmentName: 'Test', tables: [{ table: 'Test-Orders' }] });
    const json = Template.fromStack(bare).toJSON() as TemplateJson;
    const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([, p]) => [p.AlarmName, p.AlarmActions]);
    expect(alarms).toEqual([
      ['DynamoDR-Test-TestOrders-PitrDisabled', []],
      ['DynamoDR-Test-TestOrders-WindowBelowRetention', []],
      ['DynamoDR-Test-TestOrders-RestorableLagHigh', []],
    ]);
    expect(resourcesOfType(json, 'AWS::Events::Rule').map(([, p]) => p.ScheduleExpression)).toEqual([
      'rate(5 minutes)',
    ]);
    expect(resourcesOfType(json, 'AWS::Budgets::Budget')).toEqual([]);
    expect(resourcesOfType(json, 'AWS::SNS::TopicPolicy')).toEqual([]);
  });
});
