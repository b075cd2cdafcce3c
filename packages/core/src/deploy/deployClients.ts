import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClient } from '../aws/createAwsClient.js';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { DeployClients } from './deployStack.js';

/**
 * The CloudFormation and S3 clients of a deployment, with the AWS CLI's connection settings.
 *
 * @example
 * await deployStack(deployClients({ region: 'eu-west-1' }), deployment);
 */
export function deployClients(options: AwsClientOptions = {}): DeployClients {
  return { cloudformation: createAwsClient(CloudFormationClient, options), s3: createAwsClient(S3Client, options) };
}
