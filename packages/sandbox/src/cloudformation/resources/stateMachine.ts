import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeStateMachineCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { physicalName, type ResourceContext, type ResourceHandler } from './resourceHandler.js';

/**
 * AWS::StepFunctions::StateMachine through the sandbox's Step Functions:
 * Definition (an object) or DefinitionString, with DefinitionSubstitutions
 * (`${name}` replaced), RoleArn, type and logging. Ref is the ARN; attributes
 * Arn, Name, StateMachineRevisionId.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-stepfunctions-statemachine.html
 */
export const stateMachine: ResourceHandler = {
  replacingProperties: ['StateMachineName', 'StateMachineType'],

  async create(properties, context) {
    const name = (properties.StateMachineName as string | undefined) ?? physicalName(context, 80, true);
    const created = await context.clients.sfn.send(
      new CreateStateMachineCommand({
        name,
        definition: definitionOf(properties, context),
        roleArn: properties.RoleArn as string,
        type: properties.StateMachineType as 'STANDARD' | 'EXPRESS' | undefined,
        loggingConfiguration: properties.LoggingConfiguration as never,
        tracingConfiguration: properties.TracingConfiguration as never,
      }),
    );
    return attributesOf(created.stateMachineArn ?? '', context);
  },

  async update(current, properties, _previous, context) {
    await context.clients.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: current.physicalId,
        definition: definitionOf(properties, context),
        roleArn: properties.RoleArn as string,
        loggingConfiguration: properties.LoggingConfiguration as never,
        tracingConfiguration: properties.TracingConfiguration as never,
      }),
    );
    return attributesOf(current.physicalId, context);
  },

  async delete(current, _properties, context) {
    await context.clients.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: current.physicalId }));
  },
};

function definitionOf(properties: Record<string, unknown>, context: ResourceContext): string {
  if (properties.DefinitionS3Location !== undefined) {
    throw new Error(
      `${context.logicalId}: the dynamo-dr sandbox does not read DefinitionS3Location; use Definition or DefinitionString.`,
    );
  }
  const text =
    typeof properties.DefinitionString === 'string'
      ? properties.DefinitionString
      : JSON.stringify(properties.Definition);
  const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) =>
    name in substitutions ? String(substitutions[name]) : whole,
  );
}

async function attributesOf(stateMachineArn: string, context: ResourceContext) {
  const described = await context.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
  return {
    physicalId: stateMachineArn,
    attributes: { Arn: stateMachineArn, Name: described.name, StateMachineRevisionId: described.revisionId },
  };
}
