import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { awsClientConfig, createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';

/**
 * The DynamoDB and SSM clients restore-as uses, resolved like the AWS CLI (explicit options, then `AWS_*`
 * variables and the shared config files).
 *
 * @example
 * const { dynamodb, ssm } = restoreAsClients({ region: 'us-east-1' });
 */
export function restoreAsClients(options: AwsClientOptions = {}): { dynamodb: DynamoDBClient; ssm: SSMClient } {
  return { dynamodb: createDynamoDbClient(options), ssm: new SSMClient(awsClientConfig(options)) };
}
