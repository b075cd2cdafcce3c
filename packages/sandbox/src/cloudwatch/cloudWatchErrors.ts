import { AwsError } from '../awsError.js';

/**
 * CloudWatch's errors, by the shape names its JSON protocol answers with; each
 * also travels as its query-protocol code (`x-amzn-query-error`), which is the
 * name clients that speak both know it by (see {@link QUERY_ERROR_CODES}).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html
 */
export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message);
}

export function invalidParameterCombination(message: string): AwsError {
  return new AwsError('InvalidParameterCombinationException', message);
}

export function missingParameter(parameter: string): AwsError {
  return new AwsError('MissingRequiredParameterException', `The parameter ${parameter} is required.`);
}

/** An alarm name that names no alarm (SetAlarmState, DeleteAlarms). */
export function alarmNotFound(name: string): AwsError {
  return new AwsError('ResourceNotFound', `Alarm ${name} does not exist`, 404);
}

export function invalidNextToken(): AwsError {
  return new AwsError('InvalidNextToken', 'The service cannot process the NextToken.');
}

export function invalidFormat(message: string): AwsError {
  return new AwsError('InvalidFormatFault', message);
}

/** Shape name → query code and HTTP status, as the CloudWatch service model pairs them. */
export const QUERY_ERROR_CODES: Readonly<Record<string, string>> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  MissingRequiredParameterException: 'MissingParameter',
  ResourceNotFound: 'ResourceNotFound',
  InvalidNextToken: 'InvalidNextToken',
  InvalidFormatFault: 'InvalidFormat',
  LimitExceededFault: 'LimitExceeded',
  InternalServiceFault: 'InternalServiceError',
  ValidationException: 'ValidationError',
};
