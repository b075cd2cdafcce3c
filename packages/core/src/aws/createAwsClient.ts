import type { MiddlewareStack } from '@smithy/types';
import { convertAwsErrors } from './awsErrors.js';
import { awsClientConfig, type AwsClientOptions } from './createDynamoDbClient.js';

/**
 * Creates any AWS SDK v3 client with the AWS CLI's connection settings ({@link awsClientConfig}) and dynamo-dr's
 * error conversion ({@link convertAwsErrors}), as `createDynamoDbClient` does for DynamoDB.
 *
 * @example
 * const cloudwatch = createAwsClient(CloudWatchClient, { region: 'eu-west-1' });
 */
export function createAwsClient<Client extends { middlewareStack: unknown }>(
  Ctor: new (config: ReturnType<typeof awsClientConfig>) => Client,
  options: AwsClientOptions = {},
): Client {
  const client = new Ctor(awsClientConfig(options));
  // Every client's stack is a MiddlewareStack of its own input and output types, which is invariant in them:
  // the conversion middleware passes both through untouched, so any stack takes it.
  convertAwsErrors(client as { middlewareStack: MiddlewareStack<object, object> });
  return client;
}
