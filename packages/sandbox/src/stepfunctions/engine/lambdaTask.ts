import type { TaskCall } from './taskCall.js';
import { TaskFailure, serviceFailure } from './taskFailure.js';
import type { InvokeRequest, InvokeResult } from './taskClients.js';

/** The optimized integration (https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html). */
export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[^:]+(:[^:]+)?$/;

export const isLambdaResource = (resource: string) => resource === LAMBDA_INVOKE || FUNCTION_ARN.test(resource);

/**
 * A Task calling Lambda, signed as the machine's role. With a function ARN as
 * Resource the state's input is the payload and the function's result the
 * state's; with `lambda:invoke` the input names FunctionName and Payload and the
 * result is Invoke's response (Payload parsed). A function error fails the
 * state with the function's `errorType` as error and its error payload (JSON
 * text) as cause; a refused Invoke fails it with `Lambda.<exception>`, so
 * Retry and Catch match as on AWS.
 * https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html
 */
export async function runLambdaTask(call: TaskCall, input: unknown): Promise<unknown> {
  const optimized = call.resource === LAMBDA_INVOKE;
  const request = optimized ? invokeParameters(input) : { functionName: call.resource, payload: JSON.stringify(input) };
  call.events.scheduled(input);
  call.events.started();
  let answer: InvokeResult;
  try {
    answer = await call.clients.invokeFunction(request, call.roleArn, call.region);
  } catch (error) {
    throw call.events.failed(serviceFailure(error, 'Lambda', lambdaErrorName));
  }
  if (answer.functionError) {
    const errorType = (parseOrText(answer.payload) as { errorType?: unknown } | null)?.errorType;
    throw call.events.failed(
      new TaskFailure(typeof errorType === 'string' ? errorType : 'Lambda.Unknown', answer.payload),
    );
  }
  const payload = answer.payload === '' ? null : parseOrText(answer.payload);
  const result = optimized
    ? {
        ExecutedVersion: answer.executedVersion ?? '$LATEST',
        Payload: payload,
        SdkHttpMetadata: { HttpStatusCode: answer.statusCode },
        StatusCode: answer.statusCode,
      }
    : payload;
  call.events.succeeded(result);
  return result;
}

function invokeParameters(input: unknown): InvokeRequest {
  const parameters = (input ?? {}) as Record<string, unknown>;
  if (typeof parameters.FunctionName !== 'string') {
    throw new TaskFailure(
      'States.Runtime',
      `The Parameters of a ${LAMBDA_INVOKE} state must name the function in FunctionName (got ${JSON.stringify(parameters.FunctionName)}).`,
    );
  }
  const payload = parameters.Payload;
  return {
    functionName: parameters.FunctionName,
    payload: payload === undefined ? '{}' : typeof payload === 'string' ? payload : JSON.stringify(payload),
    qualifier: typeof parameters.Qualifier === 'string' ? parameters.Qualifier : undefined,
    invocationType: typeof parameters.InvocationType === 'string' ? parameters.InvocationType : undefined,
  };
}

/** Lambda's modelled exceptions become `Lambda.<name>`, anything else it answers `Lambda.AWSLambdaException`. */
const lambdaErrorName = (exception: string) => `Lambda.${MODELLED.has(exception) ? exception : 'AWSLambdaException'}`;

const MODELLED = new Set([
  'ResourceNotFoundException',
  'TooManyRequestsException',
  'ServiceException',
  'InvalidParameterValueException',
  'InvalidRequestContentException',
  'RequestTooLargeException',
  'ResourceConflictException',
  'ResourceNotReadyException',
  'UnsupportedMediaTypeException',
]);

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
