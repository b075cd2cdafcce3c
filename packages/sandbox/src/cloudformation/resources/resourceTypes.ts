import { SANDBOX_ACCOUNT } from '../../sandboxAccount.js';
import { cloudWatchAlarm } from './cloudWatchAlarm.js';
import { dynamoDbTable } from './dynamoDbTable.js';
import { eventsRule } from './eventsRule.js';
import { iamPolicy } from './iamPolicy.js';
import { iamRole } from './iamRole.js';
import { lambdaFunction } from './lambdaFunction.js';
import { recordedResource } from './recordedResource.js';
import { s3Bucket } from './s3Bucket.js';
import type { ResourceHandler } from './resourceHandler.js';
import { snsTopic } from './snsTopic.js';
import { stateMachine } from './stateMachine.js';

const notEmulated = (type: string) =>
  `Resource type ${type} is not emulated by the dynamo-dr sandbox: recorded in the stack, nothing was created.`;

/** The resource types the sandbox creates through its own services, and those it records with a reason. */
const handlers: Readonly<Record<string, ResourceHandler>> = {
  'AWS::DynamoDB::Table': dynamoDbTable,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::StepFunctions::StateMachine': stateMachine,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::SNS::Topic': snsTopic,
  'AWS::CloudWatch::Alarm': cloudWatchAlarm,
  'AWS::Events::Rule': eventsRule,
  'AWS::Logs::LogGroup': recordedResource(
    'Recorded: the dynamo-dr sandbox has no CloudWatch Logs; the log group exists only in this stack.',
    'LogGroupName',
    (name, _properties, context) => ({ Arn: `arn:aws:logs:${context.region}:${SANDBOX_ACCOUNT}:log-group:${name}:*` }),
  ),
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::CDK::Metadata': recordedResource('Recorded: CDK metadata has nothing to create.'),
};

/**
 * An alarm on metric math (`Metrics`, as the CDK makes a `MathExpression` alarm) is recorded, not created: the
 * sandbox's alarms evaluate one metric (its PutMetricAlarm refuses `Metrics`), and a stack holding one still deploys.
 */
const metricMathAlarm = recordedResource(
  'An AWS::CloudWatch::Alarm on metric math (Metrics) is not emulated by the dynamo-dr sandbox: recorded in the stack, nothing was created.',
  'AlarmName',
);

/** The handler of a resource of `type` whose (declared or resolved) properties are `properties`. */
export function handlerFor(type: string, properties?: Readonly<Record<string, unknown>>): ResourceHandler {
  if (type === 'AWS::CloudWatch::Alarm' && properties?.Metrics !== undefined) return metricMathAlarm;
  // Most types name themselves by `{Kind}Name` (TopicName, BucketName…).
  return handlers[type] ?? recordedResource(notEmulated(type), `${type.split('::')[2] ?? ''}Name`);
}
