import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { convertAwsErrors } from './awsErrors.js';

/** Where and as whom to reach DynamoDB, with the AWS CLI's names. Every field falls back like the AWS CLI. */
export interface AwsClientOptions {
  /** `--region`; else `AWS_REGION` / `AWS_DEFAULT_REGION`, then the profile's region (SDK default chain). */
  readonly region?: string;
  /** `--endpoint-url`; else `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL` (the SDK reads them itself). */
  readonly endpoint?: string;
  /** `--profile`; else `AWS_PROFILE`, then `default` (SDK default chain). */
  readonly profile?: string;
  /**
   * Attempts per request inside the SDK. The sync engine retries on its own
   * (it must re-send only unprocessed items and adapt its pace), so its
   * clients are best created with 1: SDK retries then cannot hide throttling
   * from it, nor add their own long throttling backoff. @default the SDK's (3)
   */
  readonly maxAttempts?: number;
}

/**
 * Creates a DynamoDB client that resolves region, endpoint and credentials
 * exactly as the AWS CLI does: explicit values first, then the standard
 * `AWS_*` variables and shared config files
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 * Its errors of the environment (endpoint, region, credentials) come out as
 * dynamo-dr errors ({@link convertAwsErrors}).
 *
 * @example
 * const client = createDynamoDbClient({ region: 'eu-west-1', profile: 'dr' });
 */
export function createDynamoDbClient(options: AwsClientOptions = {}): DynamoDBClient {
  const client = new DynamoDBClient({
    ...awsClientConfig(options),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    logger: quietLogger,
  });
  convertAwsErrors(client);
  return client;
}

/**
 * The connection part of any AWS SDK v3 client's configuration: only the options given, so that the SDK's own
 * fallbacks (`AWS_*` variables, shared config files) apply to the rest, as in the AWS CLI.
 *
 * @example
 * const ssm = new SSMClient(awsClientConfig({ region: 'eu-west-1' }));
 */
export function awsClientConfig(options: Pick<AwsClientOptions, 'region' | 'endpoint' | 'profile'>): {
  region?: string;
  endpoint?: string;
  profile?: string;
} {
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
}

const ignore = () => undefined;

/**
 * Silent, like the SDK's default logger, but without `info`: the default
 * one's `info` does nothing, yet the SDK first builds its argument — a copy
 * of every request and response filtered for sensitive fields, so for a
 * 1,000-item Scan page each item walked once more (about a tenth of the
 * engine's CPU, measured). The SDK calls `logger.info?.(...)` and
 * `logger.error?.(...)`, so leaving them out skips that work. (Errors are not
 * lost: they are thrown to the caller.)
 */
const quietLogger = { debug: ignore, trace: ignore, warn: ignore } as unknown as DynamoDBClientConfig['logger'];
