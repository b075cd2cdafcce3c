import { AwsError } from '../awsError.js';

/**
 * EventBridge's errors, worded as AWS words them.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html
 */
export function ruleNotFound(rule: string, bus: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Rule ${rule} does not exist on EventBus ${bus}.`);
}

export function busNotFound(bus: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
}

export function invalidEventPattern(reason: string): AwsError {
  return new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
}
