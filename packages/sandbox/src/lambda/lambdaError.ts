import { AwsError, constraintViolation } from '../awsError.js';

/**
 * An error in Lambda's REST-JSON shape: the exception name travels in the
 * `x-amzn-errortype` header, the body holds `Type` (`User` or `Service`), the
 * message, and any extra members (e.g. `Reason` of TooManyRequestsException).
 * See https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html
 */
export class LambdaError extends AwsError {
  constructor(
    type: string,
    message: string,
    statusCode: number,
    /** Members of the error body besides `Type` and the message. */
    readonly extra: Readonly<Record<string, unknown>> = {},
    /**
     * Lambda spells the member `Message` in ResourceNotFoundException and
     * `message` elsewhere (as the SDK's error shapes show).
     */
    readonly messageKey: 'message' | 'Message' = 'message',
  ) {
    super(type, message, statusCode);
  }
}

/** ResourceNotFoundException for a function, with AWS's wording. */
export function functionNotFound(arn: string): LambdaError {
  return new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404, {}, 'Message');
}

/** A function ARN of another Region: Lambda's ResourceNotFoundException text for it. */
export function functionInOtherRegion(named: string, region: string): LambdaError {
  return new LambdaError(
    'ResourceNotFoundException',
    `Functions from '${named}' are not reachable in this region ('${region}')`,
    404,
    {},
    'Message',
  );
}

/** ResourceNotFoundException for anything but a function (mappings). */
export function resourceNotFound(): LambdaError {
  return new LambdaError('ResourceNotFoundException', 'The resource you requested does not exist.', 404, {}, 'Message');
}

/** InvalidParameterValueException: one of the request's values cannot be used. */
export function invalidParameter(message: string): LambdaError {
  return new LambdaError('InvalidParameterValueException', message, 400);
}

/** ResourceConflictException: the resource exists already. */
export function conflict(message: string): LambdaError {
  return new LambdaError('ResourceConflictException', message, 409);
}

/** ValidationException, with AWS's "1 validation error detected" wording. */
export function validation(member: string, value: unknown, constraint: string): LambdaError {
  return new LambdaError('ValidationException', constraintViolation(member, value, constraint), 400);
}
