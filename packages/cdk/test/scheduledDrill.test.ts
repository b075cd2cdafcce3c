import { createRequire } from 'node:module';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisasterRecovery, type DisasterRecoveryProps } from '../src/index.js';
import { resourcesOfType, roleStatements, written, type TemplateJson } from './templateReading.js';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (sep?: string) => string };

const DYNAMODB = 'arn:aws:dynamodb:eu-west-1:111122223333';
const MACHINE = 'DRDrillDynamoDbTableStagingOrdersStateMachine';
const WORKER = 'arn:aws:lambda:eu-west-1:111122223333:function:Staging-DisasterRecovery-Drill-StagingOrders';

function synth(drill: DisasterRecoveryProps['drill'], monitoring?: DisasterRecoveryProps['monitoring']) {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Drill', { env: { account: '111122223333', region: 'eu-west-1' } });
  const recovery = new DisasterRecovery(stack, 'DisasterRecovery', {
    environmentName: 'Staging',
    tables: [{ table: 'Staging-Orders' }, { table: 'Staging-Events', excluded: true }],
    drill,
    monitoring,
  });
  const assertions = Template.fromStack(stack);
  return { stack, recovery, assertions, template: assertions.toJSON() as TemplateJson };
}

describe('a scheduled drill (DisasterRecovery drill)', () => {
  let built: ReturnType<typeof synth>;
  beforeAll(() => {
    built = synth({ table: 'Staging-Orders' });
  });

  it('is scheduled quarterly by EventBridge Scheduler, starting the drill state machine with a role that may start it only', () => {
    const { template } = built;
    const [[, schedule]] = resourcesOfType(template, 'AWS::Scheduler::Schedule') as [
      [string, { Target: { RoleArn: { 'Fn::GetAtt': [string] } } }],
    ];
    expect(written(schedule, template)).toEqual({
      Description: 'dynamo-dr recovery drill of Staging-Orders (restore-as)',
      ScheduleExpression: 'cron(0 6 1 1,4,7,10 ? *)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: expect.stringMatching(/^<DisasterRecoveryDrill.*\.Arn>$/),
        RoleArn: expect.any(String),
        Input: '{}',
      },
    });
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0];
    expect(roleStatements(template).get(roleId)).toEqual([
      {
        actions: ['states:StartExecution'],
        resources: [`arn:aws:states:eu-west-1:111122223333:stateMachine:${MACHINE}`],
      },
    ]);
    expect(written(template.Resources[roleId]!.Properties!.AssumeRolePolicyDocument, template)).toMatchObject({
      Statement: [
        {
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ],
    });
  });

  it("runs the drill's steps, generated from core's drill workflow, through its own worker", () => {
    const { template } = built;
    const machine = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').find(
      ([, p]) => p.StateMachineName === MACHINE,
    )!;
    const definition = JSON.parse(written(machine[1].DefinitionString, template) as string);
    expect(aslValidator(definition, { checkArn: true, checkPaths: true }).errorsText('\n')).toBe('');
    expect(Object.keys(definition.States)).toEqual([
      'PlanDrill',
      'RecordDrillStart',
      'PlantDrillCanaries',
      'AwaitDrillPointInTime',
      'StartDrillRestore',
      'AwaitDrillRestore',
      'VerifyAndReportDrill',
      'ReportDrillFailure',
      'DrillFailed',
      'DrillRejected',
    ]);
    const tasks = Object.values(definition.States as Record<string, { Resource?: string }>).filter((s) => s.Resource);
    expect(new Set(tasks.map((s) => s.Resource))).toEqual(new Set([WORKER]));
    expect(definition.States.PlanDrill.Parameters.settings).toEqual({
      tableName: 'Staging-Orders',
      environment: 'Staging',
      targets: { rtoMinutes: 30, rpoMinutes: 5 },
      reports: { s3Bucket: expect.stringMatching(/^<DisasterRecoveryDrillReports/), s3Prefix: 'recovery-tests/' },
      deadlineMinutes: 360,
    });
  });

  it("gives the drill worker exactly what the drill's handlers call: the staging table, its drill tables, the journal, the reports", () => {
    const { template } = built;
    const fn = resourcesOfType(template, 'AWS::Lambda::Function').find(
      ([, p]) => p.FunctionName === 'Staging-DisasterRecovery-Drill-StagingOrders',
    )!;
    const roleId = (fn[1].Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    expect(roleStatements(template).get(roleId)).toEqual([
      {
        actions: [
          'dynamodb:DeleteItem',
          'dynamodb:DescribeContinuousBackups',
          'dynamodb:DescribeTable',
          'dynamodb:PutItem',
          'dynamodb:RestoreTableToPointInTime',
          'dynamodb:Scan',
        ],
        resources: [`${DYNAMODB}:table/Staging-Orders`],
      },
      {
        actions: [
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:DeleteTable',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:RestoreTableToPointInTime',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
        ],
        resources: [`${DYNAMODB}:table/Staging-Orders-drill-*`],
      },
      {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
        resources: [`${DYNAMODB}:table/Staging-DisasterRecoveryJournal`],
      },
      {
        actions: ['s3:PutObject'],
        resources: [expect.stringMatching(/^<DisasterRecoveryDrillReports.*\.Arn>\/recovery-tests\/\*$/)],
      },
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [expect.stringMatching(/^<DisasterRecoveryDrillWorkerLogs.*\.Arn>$/)],
      },
    ]);
  });

  it('keeps the reports in a bucket of their own, encrypted, TLS only, private, retained; the monitor reads them for LastDrillAgeDays and alarms past 100 days', () => {
    const { assertions, template } = built;
    assertions.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
    assertions.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'DynamoDR-Staging-StagingOrders-DrillOverdue',
      MetricName: 'LastDrillAgeDays',
      Namespace: 'DynamoDR',
      Threshold: 100,
    });
    const monitor = resourcesOfType(template, 'AWS::Lambda::Function').find(([, p]) =>
      String(p.FunctionName).endsWith('DisasterRecoveryMonitor'),
    )!;
    expect(JSON.stringify(written(monitor[1], template))).toMatch(/DisasterRecoveryDrillReports.*recovery-tests\//);
  });

  it("passes cdk-nag's AwsSolutions checks", () => {
    const { stack } = built;
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('takes a given bucket, a rate schedule, its own prefix and targets', () => {
    const app = new App();
    const stack = new Stack(app, 'Given', { env: { account: '111122223333', region: 'eu-west-1' } });
    const bucket = s3.Bucket.fromBucketName(stack, 'Reports', 'staging-dr-reports');
    new DisasterRecovery(stack, 'DisasterRecovery', {
      environmentName: 'Staging',
      tables: [{ table: 'Staging-Orders' }],
      drill: {
        table: 'Staging-Orders',
        bucket,
        schedule: 'rate(30 days)',
        prefix: 'drills/',
        rtoTarget: Duration.minutes(45),
      },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(30 days)' });
    const json = template.toJSON() as TemplateJson;
    const [, machine] = resourcesOfType(json, 'AWS::StepFunctions::StateMachine').find(
      ([, p]) => p.StateMachineName === MACHINE,
    )!;
    const settings = JSON.parse(written(machine.DefinitionString, json) as string).States.PlanDrill.Parameters.settings;
    expect(settings).toMatchObject({
      targets: { rtoMinutes: 45, rpoMinutes: 5 },
      reports: { s3Bucket: 'staging-dr-reports', s3Prefix: 'drills/' },
    });
  });

  it('refuses bad drill props, naming each value, before any resource is made', () => {
    const stack = new Stack(new App(), 'Bad');
    expect(
      () =>
        new DisasterRecovery(stack, 'DisasterRecovery', {
          environmentName: 'Staging',
          tables: [{ table: 'Staging-Orders' }, { table: 'Staging-Events', excluded: true }],
          drill: { table: 'Staging-Events', schedule: 'quarterly', rpoTarget: Duration.seconds(90), prefix: '/x' },
        }),
    ).toThrow(
      /drill\.table "Staging-Events" is excluded: drill a table that is recovered; drill\.schedule "quarterly" is not an EventBridge Scheduler cron\(\.\.\.\) or rate\(\.\.\.\) expression.*; drill\.rpoTarget 1\.5 minutes is not a whole number of minutes above 0; drill\.prefix "\/x" starts with \//,
    );
    expect(
      () =>
        new DisasterRecovery(new Stack(new App(), 'Bad2'), 'DisasterRecovery', {
          environmentName: 'Staging',
          tables: [{ table: 'Staging-Orders' }],
          drill: { table: 'Prod-Orders' },
        }),
    ).toThrow(/drill\.table "Prod-Orders" is no table of tables: name one of "Staging-Orders" by its table name/);
    expect(stack.node.findAll().filter((c) => c.node.id === 'Drill')).toEqual([]);
  });
});
