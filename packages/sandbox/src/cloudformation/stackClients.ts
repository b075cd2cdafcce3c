import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { IAMClient } from '@aws-sdk/client-iam';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';

/** The clients a stack operation creates resources with: the sandbox's own services, over HTTP. */
export interface StackClients {
  readonly dynamodb: DynamoDBClient;
  readonly lambda: LambdaClient;
  readonly sfn: SFNClient;
  readonly ssm: SSMClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly cloudwatch: CloudWatchClient;
  readonly events: EventBridgeClient;
  readonly iam: IAMClient;
  destroy(): void;
}

/** Where the sandbox is and whose credentials a stack operation signs with. */
export interface StackClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

export function createStackClients(config: StackClientConfig): StackClients {
  const clients = {
    dynamodb: new DynamoDBClient(config),
    lambda: new LambdaClient(config),
    sfn: new SFNClient(config),
    ssm: new SSMClient(config),
    s3: new S3Client(config),
    sns: new SNSClient(config),
    cloudwatch: new CloudWatchClient(config),
    events: new EventBridgeClient(config),
    iam: new IAMClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}
