import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SFNClient } from '@aws-sdk/client-sfn';
import { createAwsClient } from '../aws/createAwsClient.js';
import { createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { StepFunctionsClients } from './prepareStepFunctionsRestore.js';

/**
 * The clients of a recovery on Step Functions, with the AWS CLI's connection settings.
 *
 * @example
 * const prepared = await prepareStepFunctionsRestore(stepFunctionsClients({ region: 'eu-west-1' }), stack, request);
 */
export function stepFunctionsClients(options: AwsClientOptions = {}): StepFunctionsClients {
  return {
    dynamodb: createDynamoDbClient(options),
    sfn: createAwsClient(SFNClient, options),
    cloudformation: createAwsClient(CloudFormationClient, options),
  };
}
