import { AwsError, constraintViolation } from '../awsError.js';

/**
 * SSM's errors, named as AWS names them.
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/CommonErrors.html
 */
export function parameterNotFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

/** AWS's "1 validation error detected" ValidationException. */
export function ssmValidation(member: string, value: unknown, constraint: string): AwsError {
  return new AwsError('ValidationException', constraintViolation(member, value, constraint));
}
