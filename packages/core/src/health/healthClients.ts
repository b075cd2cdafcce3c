import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createAwsClient } from '../aws/createAwsClient.js';
import { createDynamoDbClient, type AwsClientOptions } from '../aws/createDynamoDbClient.js';

/** Every client `dynamo-dr check` reads with. */
export interface HealthClients {
  readonly dynamodb: DynamoDBClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sfn: SFNClient;
  readonly s3: S3Client;
  readonly lambda: LambdaClient;
  readonly ssm: SSMClient;
}

/**
 * The clients of `dynamo-dr check`, resolved like the AWS CLI (explicit options, then `AWS_*` variables and the
 * shared config files).
 *
 * @example
 * const clients = healthClients({ region: 'us-east-1', profile: 'dr' });
 */
export function healthClients(options: AwsClientOptions = {}): HealthClients {
  return {
    dynamodb: createDynamoDbClient(options),
    cloudwatch: createAwsClient(CloudWatchClient, options),
    sfn: createAwsClient(SFNClient, options),
    s3: createAwsClient(S3Client, options),
    lambda: createAwsClient(LambdaClient, options),
    ssm: createAwsClient(SSMClient, options),
  };
}
