import { AwsError, constraintViolation } from '../awsError.js';

// IAM's errors, with the HTTP status codes of the API's error shapes and AWS's wording where it is known.
// https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html and each action's Errors section.

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export function entityAlreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, 409);
}

export function malformedPolicyDocument(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message, 400);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}

export function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInput', message, 400);
}

/** AWS's "1 validation error detected" ValidationError of the Query services. */
export function iamValidation(member: string, value: unknown, constraint: string): AwsError {
  return new AwsError('ValidationError', constraintViolation(member, value, constraint), 400);
}

/** A required member, checked against IAM's name pattern and length. */
export function requiredName(value: string | undefined, member: string, pattern: RegExp, max: number): string {
  if (value === undefined) throw iamValidation(member, undefined, 'Member must not be null');
  if (value.length < 1 || value.length > max) {
    throw iamValidation(member, value, `Member must have length less than or equal to ${max}`);
  }
  if (!pattern.test(value)) {
    throw iamValidation(member, value, `Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html#API_CreateRole_RequestParameters
export const ROLE_NAME = /^[\w+=,.@-]+$/;
export const POLICY_NAME = /^[\w+=,.@-]+$/;
export const IAM_PATH = /^(\u002F)|(\u002F[\u0021-\u007E]+\u002F)$/;
