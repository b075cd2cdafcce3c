/** A state of an Amazon States Language definition (JSONPath only: the local runner ignores JSONata). */
export type AslState = Record<string, unknown>;

/** An ASL state machine definition as JSON. */
export interface AslDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: Record<string, AslState>;
}

/** Lambda's transient errors, retried as AWS recommends (https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html). */
export const lambdaRetry = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
} as const;

/**
 * Lambda's own limit: a handler never runs longer (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
 *
 * @example
 * new lambda.Function(scope, 'Worker', { timeout: Duration.seconds(HANDLER_TIMEOUT_SECONDS), ... });
 */
export const HANDLER_TIMEOUT_SECONDS = 900;

/**
 * A Task state calling one workflow handler. The Lambda function is called
 * directly by ARN, so the state's result is the handler's return value.
 */
export function handlerTask(
  functionArn: string,
  handler: string,
  parameters: Record<string, unknown>,
  fields: AslState,
): AslState {
  return {
    Type: 'Task',
    Resource: functionArn,
    Parameters: { handler, ...parameters },
    TimeoutSeconds: HANDLER_TIMEOUT_SECONDS,
    Retry: [lambdaRetry],
    ...fields,
    ...(fields.Retry ? { Retry: [...(fields.Retry as unknown[]), lambdaRetry] } : {}),
  };
}

/**
 * Polling with exponential backoff in ASL: the state throws `NotReadyError`
 * until its resource is ready and is retried 5, 10, 20, 40, then every 60
 * seconds, for as many attempts as fit before `deadlineSeconds`. The handler
 * also checks the deadline itself, to fail with a clear message.
 */
export function pollRetry(deadlineSeconds: number): AslState {
  const intervals = [5, 10, 20, 40];
  const beyond = Math.max(0, deadlineSeconds - intervals.reduce((a, b) => a + b, 0));
  return {
    ErrorEquals: ['NotReadyError'],
    IntervalSeconds: intervals[0],
    BackoffRate: 2,
    MaxDelaySeconds: 60,
    MaxAttempts: intervals.length + Math.ceil(beyond / 60) + 1,
  };
}
