import { createRequire } from 'node:module';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DisasterRecovery } from '../src/index.js';
import { resourcesOfType, roleStatements, written, type ReadStatement, type TemplateJson } from './templateReading.js';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (sep?: string) => string };

const ACCOUNT = 'arn:aws:dynamodb:eu-west-1:111122223333';
const STATES = 'arn:aws:states:eu-west-1:111122223333';
const DESTRUCTIVE_OR_DATA = [
  'dynamodb:DeleteTable',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:RestoreTableToPointInTime',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:DeleteBackup',
];

let stack: Stack;
let template: TemplateJson;
let assertions: Template;

// One synthesis for the whole file: four tables (a construct with a customer managed key, one imported by name,
// one by ARN and sensitive, one excluded), an alarm topic, the operators' grant, and cdk-nag's AwsSolutions.
beforeAll(() => {
  const app = new App();
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  stack = new Stack(app, 'Recovery');
  const key = new kms.Key(stack, 'OrdersKey', { enableKeyRotation: true });
  const orders = new dynamodb.Table(stack, 'Orders', {
    tableName: 'Prod-Orders',
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });
  const recovery = new DisasterRecovery(stack, 'DisasterRecovery', {
    environmentName: 'Prod',
    tables: [
      { table: orders, logicalName: 'Orders', mode: 'reset' },
      { table: 'Prod-ProviderTable', segments: 8 },
      { table: 'arn:aws:dynamodb:eu-west-1:111122223333:table/Prod-Consent', logicalName: 'Consent', sensitive: true },
      { table: 'Prod-SSN', logicalName: 'Ssn', excluded: true },
    ],
    alarmTopic: new sns.Topic(stack, 'Alarms', { enforceSSL: true }),
  });
  const operators = new iam.Role(stack, 'Operators', { assumedBy: new iam.AccountRootPrincipal() });
  recovery.grantStartRecovery(operators);
  assertions = Template.fromStack(stack);
  template = assertions.toJSON() as TemplateJson;
});

/** The logical id of the role a resource of `type` whose `nameProperty` is `name` uses. */
function roleOf(type: string, nameProperty: string, name: string): string {
  const found = resourcesOfType(template, type).find(([, p]) => p[nameProperty] === name);
  if (!found) throw new Error(`no ${type} named ${name}`);
  const role = found[1].Role ?? found[1].RoleArn;
  return (role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

/** The worker role's statements for a table (its name, logical name, extras). */
function workerStatements(table: string, logicalName: string, extra: ReadStatement[] = []): ReadStatement[] {
  return [
    {
      actions: [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:CreateBackup',
        'dynamodb:DescribeContinuousBackups',
        'dynamodb:DescribeTable',
        'dynamodb:RestoreTableToPointInTime',
        'dynamodb:Scan',
      ],
      resources: [`${ACCOUNT}:table/${table}`],
    },
    {
      actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Scan'],
      resources: [`${ACCOUNT}:table/Prod-DisasterRecoveryJournal`],
    },
    { actions: ['dynamodb:ListBackups'], resources: ['*'] },
    { actions: ['dynamodb:DescribeBackup'], resources: [`${ACCOUNT}:table/${table}/backup/*`] },
    {
      actions: [
        'dynamodb:BatchGetItem',
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
      resources: [`${ACCOUNT}:table/${table}-dr-*`],
    },
    {
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [expect.stringMatching(new RegExp(`^<DisasterRecovery${logicalName}WorkerLogs[0-9A-F]{8}\\.Arn>$`))],
    },
    ...extra,
  ] as ReadStatement[];
}

const LOG_DELIVERY: ReadStatement = {
  actions: [
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:DescribeLogGroups',
    'logs:DescribeResourcePolicies',
    'logs:GetLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:UpdateLogDelivery',
  ],
  resources: ['*'],
};
const XRAY: ReadStatement = {
  actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  resources: ['*'],
};

function syncRoleStatements(logicalName: string): ReadStatement[] {
  const name = `${logicalName}DRSyncTableDataStateMachine`;
  return [
    {
      actions: ['lambda:InvokeFunction'],
      resources: [`arn:aws:lambda:eu-west-1:111122223333:function:Prod-DisasterRecovery-${logicalName}`],
    },
    { actions: ['states:StartExecution'], resources: [`${STATES}:stateMachine:${name}`] },
    { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [`${STATES}:execution:${name}:*`] },
    LOG_DELIVERY,
    XRAY,
  ];
}

function restoreRoleStatements(logicalName: string): ReadStatement[] {
  const [invoke, start, follow, ...rest] = syncRoleStatements(logicalName);
  return [
    invoke!,
    start!,
    follow!,
    {
      actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
      resources: ['arn:aws:events:eu-west-1:111122223333:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'],
    },
    ...rest,
  ];
}

describe('DisasterRecovery', () => {
  it('makes the two state machines of every table not excluded, with their exact names', () => {
    const names = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([, p]) => p.StateMachineName);
    expect(names.sort()).toEqual(
      [
        'DRRestoreDynamoDbTableOrdersStateMachine',
        'OrdersDRSyncTableDataStateMachine',
        'DRRestoreDynamoDbTableProdProviderTableStateMachine',
        'ProdProviderTableDRSyncTableDataStateMachine',
        'DRRestoreDynamoDbTableConsentStateMachine',
        'ConsentDRSyncTableDataStateMachine',
      ].sort(),
    );
  });

  it('gives an excluded table nothing that restores it: only the backup monitoring names it', () => {
    const recoveryResources = Object.entries(template.Resources).filter(
      ([id]) => !id.startsWith('DisasterRecoveryMonitoring'),
    );
    const text = JSON.stringify(recoveryResources);
    expect(text).not.toContain('Prod-SSN');
    expect(text).not.toContain('Ssn');
    const monitored = resourcesOfType(template, 'AWS::CloudWatch::Alarm')
      .map(([, p]) => p.AlarmName)
      .filter((name) => String(name).includes('-Ssn-'));
    expect(monitored).toEqual([
      'DynamoDR-Prod-Ssn-PitrDisabled',
      'DynamoDR-Prod-Ssn-WindowBelowRetention',
      'DynamoDR-Prod-Ssn-RestorableLagHigh',
    ]);
  });

  it('runs one worker per table on nodejs22.x, arm64, within Lambda’s 15 minutes, each with its own role', () => {
    const workers = resourcesOfType(template, 'AWS::Lambda::Function').filter(
      ([, p]) => p.FunctionName !== 'Prod-DisasterRecoveryMonitor',
    );
    expect(workers.map(([, p]) => p.FunctionName).sort()).toEqual([
      'Prod-DisasterRecovery-Consent',
      'Prod-DisasterRecovery-Orders',
      'Prod-DisasterRecovery-ProdProviderTable',
    ]);
    for (const [, p] of workers) {
      expect(p).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Timeout: 900,
      });
    }
    expect(new Set(workers.map(([, p]) => JSON.stringify(p.Role))).size).toBe(3);
  });

  it('creates the run-journal table with PITR and deletion protection on, kept when the stack goes', () => {
    assertions.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'Prod-DisasterRecoveryJournal',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
      DeletionPolicy: 'Retain',
    });
  });

  describe('IAM, role by role, exactly', () => {
    it('has no role beyond the workers, the state machines, the monitor and the operators', () => {
      expect(roleStatements(template).size).toBe(3 + 6 + 1 + 1);
    });

    it('the worker of a table with a customer managed key: its table, its temporary tables, its backups, the journal, and the key through DynamoDB only', () => {
      const role = roleOf('AWS::Lambda::Function', 'FunctionName', 'Prod-DisasterRecovery-Orders');
      expect(roleStatements(template).get(role)).toEqual(
        workerStatements('Prod-Orders', 'Orders', [
          {
            actions: [
              'kms:CreateGrant',
              'kms:Decrypt',
              'kms:DescribeKey',
              'kms:Encrypt',
              'kms:GenerateDataKey*',
              'kms:ReEncrypt*',
            ],
            resources: [expect.stringMatching(/^<OrdersKey[0-9A-F]{8}\.Arn>$/) as unknown as string],
            conditions: { StringEquals: { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' } },
          },
        ]),
      );
    });

    it('the worker of a table imported by name: no KMS, no secret', () => {
      const role = roleOf('AWS::Lambda::Function', 'FunctionName', 'Prod-DisasterRecovery-ProdProviderTable');
      expect(roleStatements(template).get(role)).toEqual(workerStatements('Prod-ProviderTable', 'ProdProviderTable'));
    });

    it("the worker of a sensitive table: also reads its checkpoint key's secret, and that one only", () => {
      const role = roleOf('AWS::Lambda::Function', 'FunctionName', 'Prod-DisasterRecovery-Consent');
      const secrets = resourcesOfType(template, 'AWS::SecretsManager::Secret').map(([id]) => id);
      expect(secrets).toHaveLength(1);
      expect(roleStatements(template).get(role)).toEqual(
        workerStatements('Prod-Consent', 'Consent', [
          { actions: ['secretsmanager:GetSecretValue'], resources: [`<${secrets[0]}>`] },
        ]),
      );
    });

    it.each(['Orders', 'ProdProviderTable', 'Consent'])(
      'the state machines of %s: invoke their worker, run their sync, log and trace',
      (logicalName) => {
        const sync = roleOf(
          'AWS::StepFunctions::StateMachine',
          'StateMachineName',
          `${logicalName}DRSyncTableDataStateMachine`,
        );
        const restore = roleOf(
          'AWS::StepFunctions::StateMachine',
          'StateMachineName',
          `DRRestoreDynamoDbTable${logicalName}StateMachine`,
        );
        expect(roleStatements(template).get(sync)).toEqual(syncRoleStatements(logicalName));
        expect(roleStatements(template).get(restore)).toEqual(restoreRoleStatements(logicalName));
      },
    );

    it('grantStartRecovery: start and follow the restore machines of this stack (never start a sync machine), and read what the CLI follows them with', () => {
      const operators = Object.keys(template.Resources).find((id) => id.startsWith('Operators'))!;
      const restores = ['Orders', 'ProdProviderTable', 'Consent'].map((n) => `DRRestoreDynamoDbTable${n}StateMachine`);
      const syncs = ['Consent', 'Orders', 'ProdProviderTable'].map((n) => `${n}DRSyncTableDataStateMachine`);
      expect(roleStatements(template).get(operators)).toEqual([
        {
          actions: ['states:DescribeStateMachine', 'states:ListExecutions', 'states:StartExecution'],
          resources: restores.map((n) => `${STATES}:stateMachine:${n}`).sort(),
        },
        {
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:StopExecution'],
          resources: restores.map((n) => `${STATES}:execution:${n}:*`).sort(),
        },
        // What the CLI's Step Functions executor reads: the stack, the tables, the journal, a failed sync's iteration.
        {
          actions: ['cloudformation:DescribeStackResources'],
          resources: [`arn:aws:cloudformation:eu-west-1:111122223333:stack/Recovery/*`],
        },
        {
          actions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:DescribeTable'],
          resources: ['Prod-Consent', 'Prod-Orders', 'Prod-ProviderTable'].map((t) => `${ACCOUNT}:table/${t}`),
        },
        {
          actions: ['dynamodb:GetItem', 'dynamodb:Scan'],
          resources: [`${ACCOUNT}:table/Prod-DisasterRecoveryJournal`],
        },
        {
          actions: ['states:DescribeExecution', 'states:ListMapRuns'],
          resources: syncs.flatMap((n) => [`${STATES}:execution:${n}/*`, `${STATES}:execution:${n}:*`]),
        },
        { actions: ['states:ListExecutions'], resources: syncs.map((n) => `${STATES}:mapRun:${n}/*`) },
      ]);
    });

    it('allows no destructive or data action on Resource "*"', () => {
      const everywhere = [...roleStatements(template).values()]
        .flat()
        .filter((s) => s.resources.includes('*'))
        .flatMap((s) => s.actions);
      expect(everywhere.filter((action) => DESTRUCTIVE_OR_DATA.includes(action))).toEqual([]);
      expect(everywhere.filter((action) => action.includes('*'))).toEqual([]);
    });
  });

  describe('the state machines', () => {
    const definitions = () =>
      resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(
        ([, p]) => [p.StateMachineName as string, JSON.parse(written(p.DefinitionString, template) as string)] as const,
      );

    it('deploy definitions that pass asl-validator, ARNs and paths included', () => {
      for (const [name, definition] of definitions()) {
        const result = aslValidator(definition, { checkArn: true, checkPaths: true });
        expect(`${name}: ${result.errorsText('\n')}`).toBe(`${name}: `);
      }
    });

    it('fan out with Distributed Maps that tolerate no failed iteration', () => {
      // Maps at the top level and inside Parallel branches (the verification runs beside the cleanup).
      type State = Record<string, unknown> & { Branches?: { States: Record<string, State> }[] };
      const mapsOf = (states: Record<string, State>): State[] =>
        Object.values(states).flatMap((s) => [
          ...(s.Type === 'Map' ? [s] : []),
          ...(s.Branches ?? []).flatMap((b) => mapsOf(b.States)),
        ]);
      const mapsByMachine = Object.fromEntries(
        definitions().map(([name, d]) => [name, mapsOf(d.States as Record<string, State>).length]),
      );
      // Each sync machine fans out its table's mode (reset: empty and copy; delta: one pass) and the verification.
      expect(mapsByMachine).toEqual({
        DRRestoreDynamoDbTableOrdersStateMachine: 0,
        OrdersDRSyncTableDataStateMachine: 3,
        DRRestoreDynamoDbTableProdProviderTableStateMachine: 0,
        ProdProviderTableDRSyncTableDataStateMachine: 2,
        DRRestoreDynamoDbTableConsentStateMachine: 0,
        ConsentDRSyncTableDataStateMachine: 2,
      });
      const maps = definitions().flatMap(([, d]) => mapsOf(d.States as Record<string, State>));
      for (const map of maps) {
        expect(map).toMatchObject({ ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' } } });
        // Unset, both are 0: one failed iteration fails the Map (https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html).
        expect(map.ToleratedFailurePercentage ?? 0).toBe(0);
        expect(map.ToleratedFailureCount ?? 0).toBe(0);
      }
    });

    it('time out after the restore deadline, the sync day and an hour; no task outlives its Lambda', () => {
      for (const [name, definition] of definitions()) {
        expect(definition.TimeoutSeconds).toBe(name.startsWith('DRRestore') ? 360 * 60 + 86400 + 3600 : 86400);
        const lambdaTasks = JSON.stringify(definition).match(/"TimeoutSeconds":\d+,"Retry"/g) ?? [];
        for (const task of lambdaTasks) expect(Number(/\d+/.exec(task)![0])).toBeLessThanOrEqual(900);
      }
    });

    it('log execution data except for sensitive tables, and trace', () => {
      const logging = resourcesOfType(template, 'AWS::StepFunctions::StateMachine').map(([, p]) => [
        p.StateMachineName,
        (p.LoggingConfiguration as { IncludeExecutionData: boolean; Level: string }).IncludeExecutionData,
        (p.LoggingConfiguration as { Level: string }).Level,
        p.TracingConfiguration,
      ]);
      for (const [name, includeData, level, tracing] of logging) {
        expect([name, includeData, level, tracing]).toEqual([
          name,
          !String(name).includes('Consent'),
          'ALL',
          { Enabled: true },
        ]);
      }
    });

    it('alarm the topic when a restore fails, times out or is aborted', () => {
      const restoreAlarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(([, p]) => p.Metrics);
      expect(restoreAlarms).toHaveLength(3);
      assertions.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
        Metrics: Match.arrayWith([Match.objectLike({ Expression: 'failed + timedOut + aborted' })]),
      });
    });
  });

  it("passes cdk-nag's AwsSolutions checks; every suppression says why", () => {
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    // The synthesis above ran the checks: a finding without an acknowledgement would have failed it.
    const suppressions = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })));
    expect(suppressions.map((s) => s.id)).toContain('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
    for (const { reason } of suppressions) expect(reason.length).toBeGreaterThan(40);
  });
});
