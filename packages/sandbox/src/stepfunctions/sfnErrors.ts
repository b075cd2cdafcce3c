import { AwsError, constraintViolation } from '../awsError.js';

/**
 * Step Functions' errors, with the exception names and message wording of the
 * API reference (https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
 * and each action's Errors section).
 */
export const sfnErrors = {
  stateMachineDoesNotExist: (arn: string) =>
    new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  stateMachineAlreadyExists: (arn: string) =>
    new AwsError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  executionDoesNotExist: (arn: string) => new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  executionAlreadyExists: (arn: string) => new AwsError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`),
  mapRunDoesNotExist: (arn: string) => new AwsError('ResourceNotFound', `Resource not found: '${arn}'`),
  invalidArn: (arn: string, what: string) =>
    new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${what}' ('${arn}')`),
  invalidName: (name: string) => new AwsError('InvalidName', `Invalid Name: '${name}'`),
  invalidDefinition: (detail: string) =>
    new AwsError('InvalidDefinition', `Invalid State Machine Definition: '${detail}'`),
  invalidExecutionInput: (detail: string) =>
    new AwsError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${detail}'`),
  invalidToken: (token: string) => new AwsError('InvalidToken', `Invalid Token: '${token}'`),
  /** A member the request must carry, in AWS's "1 validation error detected" wording. */
  missing: (member: string) => sfnErrors.validation(member, undefined, 'Member must not be null'),
  validation: (member: string, value: unknown, constraint: string) =>
    new AwsError('ValidationException', constraintViolation(member, value, constraint)),
};
