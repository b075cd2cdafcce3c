import { LambdaClient } from '@aws-sdk/client-lambda';
import { SSMClient } from '@aws-sdk/client-ssm';
import { convertAwsErrors } from '../aws/awsErrors.js';
import { awsClientConfig, type AwsClientOptions } from '../aws/createDynamoDbClient.js';

/**
 * The Lambda and SSM clients recovery mode uses. Unset options fall back as in the AWS CLI: the
 * SDK itself reads `AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL` (and
 * `AWS_ENDPOINT_URL_LAMBDA` / `_SSM`) and the shared config files.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 *
 * @example
 * const { lambda, ssm } = recoveryModeClients({ region: 'eu-west-1', profile: 'dr' });
 */
export function recoveryModeClients(options: AwsClientOptions): { lambda: LambdaClient; ssm: SSMClient } {
  const config = awsClientConfig(options);
  const lambda = new LambdaClient(config);
  const ssm = new SSMClient(config);
  convertAwsErrors(lambda);
  convertAwsErrors(ssm);
  return { lambda, ssm };
}
