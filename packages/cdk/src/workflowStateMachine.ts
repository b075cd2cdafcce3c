import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { AslDefinition } from '@dynamo-dr/core';
import { acknowledgeNagRule } from './nagSuppressions.js';

const STATE_MACHINE_WILDCARDS_REASON =
  "Log delivery and X-Ray actions take no resource-level permissions; executions of the table's sync and revert state machines' Distributed Maps are named by Step Functions at run time.";

/**
 * A state machine of one of core's workflows (its ASL generated from the step list), with its own role: invoke
 * the worker, make the workflow's own `calls`, deliver its logs (to `/aws/vendedlogs/states/{name}`, execution data
 * unless the table is sensitive) and traces.
 *
 * @example
 * workflowStateMachine(this, { name, definition, worker, calls: [], logRetention, includeExecutionData: true });
 */
export function workflowStateMachine(
  scope: Construct,
  props: {
    readonly name: string;
    readonly definition: AslDefinition;
    readonly worker: lambda.IFunction;
    readonly calls: readonly { actions: string[]; resources: string[] }[];
    readonly logRetention: logs.RetentionDays;
    readonly includeExecutionData: boolean;
  },
): sfn.CfnStateMachine {
  // Step Functions needs the /aws/vendedlogs/ prefix to keep its log resource policy small
  // (https://docs.aws.amazon.com/step-functions/latest/dg/bp-cwl.html).
  const logGroup = new logs.LogGroup(scope, `${props.name}Logs`, {
    logGroupName: `/aws/vendedlogs/states/${props.name}`,
    retention: props.logRetention,
  });
  const statements = [
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.worker.functionArn] }),
    ...props.calls.map((call) => new iam.PolicyStatement(call)),
    // Log delivery and X-Ray take no resource-level permissions
    // (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy).
    new iam.PolicyStatement({
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
    }),
    new iam.PolicyStatement({
      actions: [
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ],
      resources: ['*'],
    }),
  ];
  const role = new iam.Role(scope, `${props.name}Role`, {
    assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
    description: `dynamo-dr state machine ${props.name}`,
    inlinePolicies: { WorkflowCalls: new iam.PolicyDocument({ statements }) },
  });
  acknowledgeNagRule(role, 'AwsSolutions-IAM5', STATE_MACHINE_WILDCARDS_REASON, {
    resources: ['*', ...props.calls.flatMap((call) => call.resources.filter((arn) => arn.endsWith('*')))],
  });
  return new sfn.CfnStateMachine(scope, props.name, {
    stateMachineName: props.name,
    stateMachineType: 'STANDARD',
    roleArn: role.roleArn,
    definitionString: Stack.of(scope).toJsonString(props.definition),
    loggingConfiguration: {
      level: 'ALL',
      // Execution data holds inputs, outputs and errors: none of a sensitive table's are logged.
      includeExecutionData: props.includeExecutionData,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: logGroup.logGroupArn } }],
    },
    tracingConfiguration: { enabled: true },
  });
}
