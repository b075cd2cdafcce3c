import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { convertAwsErrors } from '../aws/awsErrors.js';
import { awsClientConfig, createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';

/**
 * The DynamoDB and SSM clients restore-as uses, resolved like the AWS CLI (explicit options, then `AWS_*`
 * variables and the shared config files).
 *
 * @example
 * const { dynamodb, ssm } = restoreAsClients({ region: 'us-east-1' });
 */
export function restoreAsClients(options: AwsClientOptions = {}): { dynamodb: DynamoDBClient; ssm: SSMClient } {
  const ssm = new SSMClient(awsClientConfig(options));
  convertAwsErrors(ssm);
  return { dynamodb: createDynamoDbClient(options), ssm };
}
