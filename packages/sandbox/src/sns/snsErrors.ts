import { AwsError } from '../awsError.js';

/**
 * SNS's errors, named and worded as AWS returns them in the query protocol.
 * https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html
 */
export function topicNotFound(): AwsError {
  return new AwsError('NotFound', 'Topic does not exist', 404);
}

export function subscriptionNotFound(): AwsError {
  return new AwsError('NotFound', 'Subscription does not exist', 404);
}

/** InvalidParameter: `Invalid parameter: {what}` (AWS names the parameter, and sometimes a reason). */
export function invalidParameter(what: string): AwsError {
  return new AwsError('InvalidParameter', `Invalid parameter: ${what}`);
}
