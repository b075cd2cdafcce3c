import { AwsError } from '../awsError.js';
import { ssmValidation } from './ssmErrors.js';

/**
 * Checks a parameter name as Parameter Store does: at most 1011 characters of
 * `a-zA-Z0-9_.-/`, a hierarchy (any `/`) fully qualified with a leading `/`,
 * at most 15 levels, and no `aws`/`ssm` prefix.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html
 */
export function checkParameterName(name: unknown): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 2048) {
    throw ssmValidation('name', name, 'Member must have length between 1 and 2048');
  }
  if (name.length > 1011 || !/^[a-zA-Z0-9_.\-/]+$/.test(name)) {
    throw new AwsError(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw new AwsError('ValidationException', `Parameter name must be a fully qualified name: ${name}`);
  }
  if (/^\/?(aws|ssm)/i.test(name)) {
    throw new AwsError(
      'ValidationException',
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).',
    );
  }
  if (name.split('/').length - 1 > 15) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and Constraints for Parameter Names in the AWS Systems Manager User Guide.',
    );
  }
  return name;
}
