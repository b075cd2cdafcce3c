import { AwsError } from '../../awsError.js';
import { sfnErrors } from '../sfnErrors.js';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** A state machine's role ARN; InvalidArn when it is not an IAM role's. */
export function checkRoleArn(value: unknown): string {
  if (value === undefined) throw sfnErrors.missing('roleArn');
  if (typeof value !== 'string' || !ROLE_ARN.test(value)) {
    throw new AwsError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${String(value)}'`);
  }
  return value;
}
