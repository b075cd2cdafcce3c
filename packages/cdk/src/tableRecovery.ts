import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  JOURNAL_TABLE_VARIABLE,
  restoreNames,
  restoreStateMachineDefinition,
  restoreStateMachineName,
  revertPermissions,
  revertStateMachineDefinition,
  revertStateMachineName,
  syncStateMachineDefinition,
  syncStateMachineName,
  recoveryPermissions,
  type AslDefinition,
  type PermissionStatement,
} from '@dynamo-dr/core';
import type { ResolvedTable } from './resolvedTable.js';
import { acknowledgeNagRule } from './nagSuppressions.js';
import { CHECKPOINT_SECRET_VARIABLE } from './worker/workerHandler.js';
import { workerLambda } from './worker/workerLambda.js';
import { workflowStateMachine } from './workflowStateMachine.js';

/** What one table's recovery is made with. */
export interface TableRecoveryProps {
  readonly table: ResolvedTable;
  readonly environmentName: string;
  readonly journal: ITable;
  readonly logRetention: logs.RetentionDays;
  readonly alarmTopic?: ITopic;
}

/**
 * One table's recovery: the worker Lambda that runs every Task state, with its own role, and the two state
 * machines with the names operators and runbooks use (three with a revert), each with its own role. Every role
 * gets exactly what its part of the workflow calls, on exactly this table's resources (and its exports' bucket).
 */
export class TableRecovery extends Construct {
  readonly restoreStateMachine: sfn.CfnStateMachine;
  readonly syncStateMachine: sfn.CfnStateMachine;
  /** The table's revert (`DRRevertDynamoDbTable{Table}StateMachine`), when its props ask for one. */
  readonly revertStateMachine?: sfn.CfnStateMachine;
  readonly revertStateMachineName?: string;
  /** The bucket of the revert's exports, when it has one. */
  readonly exportBucket?: string;
  readonly worker: lambda.Function;
  readonly restoreStateMachineName: string;
  readonly syncStateMachineName: string;
  /** The recovered table's ARN (as the worker's role names it). */
  readonly tableArn: string;

  constructor(scope: Construct, id: string, props: TableRecoveryProps) {
    super(scope, id);
    const { settings } = props.table;
    const stack = Stack.of(this);
    const restoreName = restoreStateMachineName(settings.logicalName);
    const syncName = syncStateMachineName(settings.logicalName);
    this.restoreStateMachineName = restoreName;
    this.syncStateMachineName = syncName;
    this.tableArn = tableArn(stack, settings.tableName);
    const syncArn = stateMachineArn(stack, syncName);

    this.worker = this.workerFunction(props);
    const fn = this.worker.functionArn;
    const resources = { handlerFunctionArn: fn, syncStateMachineArn: syncArn };

    this.syncStateMachine = this.stateMachine(props, syncName, syncStateMachineDefinition(settings, resources), [
      // A Distributed Map starts its iterations as child executions of its own state machine
      // (https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html).
      { actions: ['states:StartExecution'], resources: [syncArn] },
      { actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executionsArn(stack, syncName)] },
    ]);
    this.restoreStateMachine = this.stateMachine(
      props,
      restoreName,
      restoreStateMachineDefinition(settings, resources),
      [
        // startExecution.sync:2 starts the sync, follows it, stops it when cancelled, and learns of its end
        // through a rule Step Functions manages (https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html).
        { actions: ['states:StartExecution'], resources: [syncArn] },
        {
          actions: ['states:DescribeExecution', 'states:StopExecution'],
          resources: [executionsArn(stack, syncName)],
        },
        {
          actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          resources: [
            stack.formatArn({
              service: 'events',
              resource: 'rule',
              resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule',
            }),
          ],
        },
      ],
    );
    this.restoreStateMachine.node.addDependency(this.syncStateMachine);
    const { revert } = props.table;
    if (revert) {
      const revertName = revertStateMachineName(settings.logicalName);
      this.revertStateMachineName = revertName;
      this.exportBucket = revert.exportBucket;
      this.revertStateMachine = this.stateMachine(
        props,
        revertName,
        revertStateMachineDefinition(settings, revert, resources),
        [
          // Its Distributed Map over the segments runs as child executions of itself.
          { actions: ['states:StartExecution'], resources: [stateMachineArn(stack, revertName)] },
          {
            actions: ['states:DescribeExecution', 'states:StopExecution'],
            resources: [executionsArn(stack, revertName)],
          },
        ],
      );
    }
    if (props.alarmTopic) this.failureAlarm(props.alarmTopic, restoreName);
  }

  /** The worker: one function per table, so that each table's role reaches that table only. */
  private workerFunction(props: TableRecoveryProps): lambda.Function {
    const { settings, encryptionKey } = props.table;
    const stack = Stack.of(this);
    const functionName = `${props.environmentName}-DisasterRecovery-${settings.logicalName}`;
    const logGroup = new logs.LogGroup(this, 'WorkerLogs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: props.logRetention,
    });
    // The worker's actions are core's, derived from the steps of the workflows it runs (each handler declares its
    // own once): the restore's, then the revert's; a step added to a workflow reaches this role with no edit here.
    const names = this.coreNames(props);
    const coreArn = (name: string) => `arn:${names.partition}:dynamodb:${names.region}:${names.account}:table/${name}`;
    const arnOf = {
      table: coreArn(settings.tableName),
      restoredTables: coreArn(restoredTablePattern(settings.tableName)),
      backups: coreArn(`${settings.tableName}/backup/*`),
      account: '*',
    };
    const coreJournal = coreArn(names.journalTableName);
    // One statement per resource, in this order (the journal by the table's own ARN), then the revert's resources.
    const granted = new Map<string, Set<string>>(
      [arnOf.table, props.journal.tableArn, arnOf.account, arnOf.backups, arnOf.restoredTables].map((r) => [
        r,
        new Set<string>(),
      ]),
    );
    const grant = (actions: readonly string[], resource: string) => {
      const arn = resource === coreJournal ? props.journal.tableArn : resource;
      const set = granted.get(arn) ?? new Set<string>();
      for (const action of actions) set.add(action);
      granted.set(arn, set);
    };
    const revert = this.revertGrants(props);
    for (const { actions, resources } of [...recoveryPermissions(settings, names).worker, ...revert]) {
      for (const resource of resources) grant(actions, resource);
    }
    const statements = [...granted]
      .filter(([, actions]) => actions.size > 0)
      .map(([resource, actions]) => new iam.PolicyStatement({ actions: [...actions].sort(), resources: [resource] }));
    statements.push(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    if (encryptionKey) {
      // DynamoDB uses the table's key on the caller's behalf, and grants itself its use for the restored table
      // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html).
      statements.push(
        new iam.PolicyStatement({
          actions: [
            'kms:CreateGrant',
            'kms:Decrypt',
            'kms:DescribeKey',
            'kms:Encrypt',
            'kms:GenerateDataKey*',
            'kms:ReEncrypt*',
          ],
          resources: [encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${stack.region}.${stack.urlSuffix}` } },
        }),
      );
    }
    const environment: Record<string, string> = { [JOURNAL_TABLE_VARIABLE]: props.journal.tableName };
    if (settings.sensitive) {
      const secret = new secretsmanager.Secret(this, 'CheckpointSecret', {
        description: `Derives the key that encrypts checkpoints of ${settings.logicalName} (dynamo-dr)`,
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
      statements.push(
        new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
      );
      environment[CHECKPOINT_SECRET_VARIABLE] = secret.secretArn;
      acknowledgeNagRule(secret, 'AwsSolutions-SMG4', ROTATION_REASON);
    }
    const role = new iam.Role(this, 'WorkerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `dynamo-dr worker of ${settings.logicalName}: reads and restores this table only`,
      inlinePolicies: { WorkflowCalls: new iam.PolicyDocument({ statements }) },
    });
    acknowledgeNagRule(role, 'AwsSolutions-IAM5', WORKER_WILDCARDS_REASON, {
      resources: [
        arnOf.restoredTables,
        arnOf.backups,
        arnOf.account,
        ...revert.flatMap((s) => s.resources.filter((arn) => arn.endsWith('*'))),
      ],
      actions: encryptionKey ? ['kms:GenerateDataKey*', 'kms:ReEncrypt*'] : [],
    });
    return workerLambda(this, 'Worker', {
      functionName,
      description: `dynamo-dr recovery workflows of ${settings.logicalName}`,
      role,
      logGroup,
      environment,
    });
  }

  /**
   * What the revert's handlers call beyond the journal, from core's step-derived permissions: the export on the
   * table, the table's exports, and the objects under the exports' prefix in their bucket. None without a revert.
   */
  private revertGrants(props: TableRecoveryProps): readonly PermissionStatement[] {
    if (!props.table.revert) return [];
    return revertPermissions(props.table.settings, props.table.revert, this.coreNames(props)).worker;
  }

  /** Where core's permissions are built for: this stack's partition, Region and account, and its journal. */
  private coreNames(props: TableRecoveryProps) {
    const stack = Stack.of(this);
    return {
      partition: stack.partition,
      region: stack.region,
      account: stack.account,
      journalTableName: props.journal.tableName,
      // The worker's role needs no permission on the function itself.
      handlerFunctionArn: '',
    };
  }

  private stateMachine(
    props: TableRecoveryProps,
    name: string,
    definition: AslDefinition,
    calls: readonly { actions: string[]; resources: string[] }[],
  ): sfn.CfnStateMachine {
    return workflowStateMachine(this, {
      name,
      definition,
      worker: this.worker,
      calls,
      logRetention: props.logRetention,
      includeExecutionData: !props.table.settings.sensitive,
    });
  }

  /** Failed, timed-out and aborted restores, summed per five minutes: one is one too many. */
  private failureAlarm(topic: ITopic, name: string): void {
    const metric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/States',
        metricName,
        dimensionsMap: { StateMachineArn: this.restoreStateMachine.attrArn },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    const alarm = new cloudwatch.Alarm(this, 'RestoreFailedAlarm', {
      alarmDescription: `A restore of ${this.node.id} by ${name} failed, timed out or was aborted (dynamo-dr)`,
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut + aborted',
        usingMetrics: {
          failed: metric('ExecutionsFailed'),
          timedOut: metric('ExecutionsTimedOut'),
          aborted: metric('ExecutionsAborted'),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(topic));
  }
}

const ROTATION_REASON =
  'The secret derives the key of checkpoints that runs in progress read back; rotating it would make them unreadable. It is random, never leaves Secrets Manager but to this worker, and each run deletes its checkpoints as its segments finish.';
const WORKER_WILDCARDS_REASON =
  "Each wildcard is the narrowest IAM allows: the table's temporary restored tables are named {table}-dr-{incident} (one per incident, unknown until a restore starts); the forensic backups' and the exports' ARNs end in an id DynamoDB assigns; an export's objects are named by DynamoDB under the configured prefix; ListBackups takes no resource-level permission; a log group's ARN ends in :* for its streams.";

/** The temporary tables of `tableName`: its name, then what core's restoreNames puts between it and the incident id. */
function restoredTablePattern(tableName: string): string {
  const probe = restoreNames('table', 'incident');
  const between = probe.restoredTableName.slice('table'.length, -'incident'.length);
  return `${tableName}${between}*`;
}

function tableArn(stack: Stack, resourceName: string): string {
  return stack.formatArn({ service: 'dynamodb', resource: 'table', resourceName });
}

function stateMachineArn(stack: Stack, name: string): string {
  return stack.formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: name,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

function executionsArn(stack: Stack, name: string): string {
  return stack.formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${name}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
