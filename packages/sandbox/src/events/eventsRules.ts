/**
 * Field rules shared by EventBridge's actions, in the validation engine's
 * format (see validateRequest.ts), with the API reference's limits.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html
 */
export const RULE_NAME = {
  type: 'String',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 64,
  regex: '[\\.\\-_A-Za-z0-9]+',
};
export const BUS_NAME = {
  type: 'String',
  lengthGreaterThanOrEqual: 1,
  lengthLessThanOrEqual: 1600,
  regex: '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus/)?[/\\.\\-_A-Za-z0-9]+',
};
export const NEXT_TOKEN = { type: 'String', lengthGreaterThanOrEqual: 1, lengthLessThanOrEqual: 2048 };
export const LIMIT = { type: 'Integer', greaterThanOrEqual: 1, lessThanOrEqual: 100 };
