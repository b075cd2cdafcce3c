import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { createAwsClient } from '../aws/createAwsClient.js';
import { createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';

/** The clients of a drill: DynamoDB in the table's Region and in the Region restored into, IAM and STS. */
export interface DrillClients {
  readonly dynamodb: DynamoDBClient;
  /** The same client as `dynamodb` unless a target Region is given. */
  readonly targetDynamodb: DynamoDBClient;
  readonly iam: IAMClient;
  readonly sts: STSClient;
  /** The Region `dynamodb` resolved (flags, `AWS_*` variables, the profile). */
  region(): Promise<string>;
}

/**
 * The drill's clients, resolved like the AWS CLI; `targetRegion` gets a DynamoDB client of its own.
 *
 * @example
 * const clients = drillClients({ region: 'us-east-1' }, 'us-west-2');
 */
export function drillClients(options: AwsClientOptions, targetRegion?: string): DrillClients {
  const dynamodb = createDynamoDbClient(options);
  return {
    dynamodb,
    targetDynamodb: targetRegion ? createDynamoDbClient({ ...options, region: targetRegion }) : dynamodb,
    iam: createAwsClient(IAMClient, options),
    sts: createAwsClient(STSClient, options),
    region: () => dynamodb.config.region(),
  };
}
