import { AwsError } from '../awsError.js';

/**
 * CloudFormation's errors, with the codes and wording of the API reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html
 * and each action's Errors section). Almost everything is `ValidationError`.
 */
export const cfnErrors = {
  validation: (message: string) => new AwsError('ValidationError', message),
  templateFormat: (message: string) => new AwsError('ValidationError', `Template format error: ${message}`),
  stackDoesNotExist: (nameOrId: string) => new AwsError('ValidationError', `Stack with id ${nameOrId} does not exist`),
  alreadyExists: (name: string) => new AwsError('AlreadyExistsException', `Stack [${name}] already exists`),
  changeSetNotFound: (name: string) => new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404),
  invalidChangeSetStatus: (name: string, status: string) =>
    new AwsError(
      'InvalidChangeSetStatus',
      `ChangeSet [${name}] cannot be executed in its current status of [${status}]`,
    ),
  insufficientCapabilities: (capability: string) =>
    new AwsError('InsufficientCapabilitiesException', `Requires capabilities : [${capability}]`),
  notUpdatable: (stackId: string, status: string) =>
    new AwsError('ValidationError', `Stack:${stackId} is in ${status} state and can not be updated.`),
};
