import type { HandlerExecutionContext, MiddlewareStack } from '@smithy/types';
import { AwsEnvironmentError, AwsValidationError, DrError } from '../errors.js';

/*
 * The one place where AWS SDK errors become dynamo-dr errors: a middleware on every client core creates
 * (`convertAwsErrors`). Errors the domain handles by their SDK class (ResourceNotFoundException,
 * ConditionalCheckFailedException, throttling, ...) pass through unchanged; what only the environment can
 * fix (endpoint, region, credentials, permissions) and requests AWS refuses as invalid are converted.
 */

/** Node's network error codes: nothing answered at the endpoint (https://nodejs.org/api/errors.html#common-system-errors). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
]);

/**
 * Credentials missing, malformed or not valid for the account
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 */
const BAD_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'ExpiredToken',
  'ExpiredTokenException',
]);

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied']);

/** Where a failed call was going: the SDK's client and command names. */
interface CallSite {
  readonly clientName?: string;
  readonly commandName?: string;
}

/**
 * The dynamo-dr error for an SDK error, or the error itself when the domain handles it.
 *
 * @example
 * convertAwsError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), {
 *   clientName: 'DynamoDBClient', commandName: 'DescribeTableCommand' });
 * // AwsEnvironmentError: Cannot reach DynamoDB (DescribeTable): connect ECONNREFUSED 127.0.0.1:1.
 */
export function convertAwsError(error: unknown, site: CallSite = {}): unknown {
  if (!(error instanceof Error) || error instanceof DrError) return error;
  const { name, message } = error;
  const code = (error as { code?: string }).code;
  const call = `${(site.clientName ?? 'AWS').replace(/Client$/, '')} (${(site.commandName ?? 'request').replace(/Command$/, '')})`;
  if ((code && UNREACHABLE.has(code)) || name === 'TimeoutError') {
    return new AwsEnvironmentError(
      `Cannot reach ${call}: ${message}.`,
      'Check --endpoint-url (or AWS_ENDPOINT_URL: is the sandbox running?), --region and the network.',
      error,
    );
  }
  if (code === 'ERR_INVALID_URL') {
    const url = (error as { input?: string }).input;
    return new AwsEnvironmentError(
      `The endpoint ${JSON.stringify(url)} of ${call} is not a URL.`,
      'Check AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>): give a URL like http://127.0.0.1:4566.',
      error,
    );
  }
  if (message === 'Region is missing' || message.startsWith('Region not accepted')) {
    return new AwsEnvironmentError(
      `${call} has no usable AWS region: ${message}.`,
      "Pass --region (e.g. --region eu-west-1), or set AWS_REGION or the profile's region in ~/.aws/config.",
      error,
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new AwsEnvironmentError(
      `${call} has no valid AWS credentials: ${name}: ${message}.`,
      'Configure credentials (aws configure, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or --profile NAME) for this account, not expired.',
      error,
    );
  }
  if (ACCESS_DENIED.has(name)) {
    return new AwsEnvironmentError(
      `AWS denied ${call}: ${message}.`,
      'Grant these credentials the IAM action named there, or use --profile with a role that has it.',
      error,
    );
  }
  if (name === 'ValidationException') {
    return new AwsValidationError(
      `The ${call} request`,
      `was refused by AWS as invalid: ${message}`,
      'Check the value AWS names there. dynamo-dr checks values before it calls AWS, so please report this one too.',
      error,
    );
  }
  return error;
}

/** The SDK's own error: the cause of one {@link convertAwsError} converted, else the error itself. */
export function sdkError(error: unknown): unknown {
  return error instanceof AwsEnvironmentError || error instanceof AwsValidationError ? error.cause : error;
}

/**
 * Adds the conversion to a client (once, whatever the number of calls). Placed at the start of the `initialize` step,
 * it sees the final error, after the SDK's own retries.
 *
 * @example
 * const ssm = new SSMClient(awsClientConfig(options));
 * convertAwsErrors(ssm);
 */
export function convertAwsErrors<I extends object, O extends object>(client: {
  middlewareStack: MiddlewareStack<I, O>;
}): void {
  client.middlewareStack.add(
    (next, context: HandlerExecutionContext) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw convertAwsError(error, context);
      }
    },
    { step: 'initialize', priority: 'high', name: 'dynamoDrAwsErrors', override: true },
  );
}
