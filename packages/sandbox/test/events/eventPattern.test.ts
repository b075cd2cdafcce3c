import { describe, expect, it } from 'vitest';
import { eventPatternProblem, matchesPattern, type EventPattern } from '../../src/events/eventPattern.js';

// Content filtering as "Comparison operators for use in event patterns" describes it:
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
const event = {
  source: 'aws.dynamodb',
  'detail-type': 'AWS API Call via CloudTrail',
  resources: ['arn:aws:dynamodb:us-east-1:000000000000:table/orders'],
  detail: {
    eventName: 'UpdateTable',
    sourceIPAddress: '10.0.0.7',
    requestParameters: { tableName: 'orders-prod', deletionProtectionEnabled: false, billing: null },
    count: 7,
    tags: ['prod', 'eu'],
  },
};

const matches = (pattern: EventPattern) => matchesPattern(pattern, event);

describe('event pattern matching', () => {
  it('matches exact values (strings, numbers, booleans, null), and any element of an event array', () => {
    expect(matches({ source: ['aws.dynamodb'], detail: { eventName: ['DeleteTable', 'UpdateTable'] } })).toBe(true);
    expect(matches({ detail: { requestParameters: { deletionProtectionEnabled: [false], billing: [null] } } })).toBe(
      true,
    );
    expect(matches({ detail: { count: [7], tags: ['eu'] } })).toBe(true);
    expect(matches({ detail: { eventName: ['DeleteTable'] } })).toBe(false);
    expect(matches({ detail: { requestParameters: { deletionProtectionEnabled: [true] } } })).toBe(false);
  });

  it('needs every field of the pattern, however nested', () => {
    expect(matches({ source: ['aws.dynamodb'], detail: { eventName: ['UpdateTable'], missing: ['x'] } })).toBe(false);
  });

  it('matches prefix, suffix, equals-ignore-case and wildcard', () => {
    expect(matches({ detail: { requestParameters: { tableName: [{ prefix: 'orders' }] } } })).toBe(true);
    expect(matches({ detail: { requestParameters: { tableName: [{ suffix: '-prod' }] } } })).toBe(true);
    expect(
      matches({ detail: { requestParameters: { tableName: [{ prefix: { 'equals-ignore-case': 'ORDERS' } }] } } }),
    ).toBe(true);
    expect(matches({ detail: { eventName: [{ 'equals-ignore-case': 'updatetable' }] } })).toBe(true);
    expect(matches({ resources: [{ wildcard: 'arn:aws:dynamodb:*:table/orders' }] })).toBe(true);
    expect(matches({ detail: { requestParameters: { tableName: [{ prefix: 'users' }] } } })).toBe(false);
  });

  it('matches anything-but (values, prefixes), numeric ranges, exists and cidr', () => {
    expect(matches({ detail: { eventName: [{ 'anything-but': ['CreateTable', 'TagResource'] }] } })).toBe(true);
    expect(matches({ detail: { eventName: [{ 'anything-but': 'UpdateTable' }] } })).toBe(false);
    expect(matches({ detail: { eventName: [{ 'anything-but': { prefix: 'Update' } }] } })).toBe(false);
    expect(matches({ detail: { absent: [{ 'anything-but': 'x' }] } })).toBe(false);
    expect(matches({ detail: { count: [{ numeric: ['>', 0, '<=', 7] }] } })).toBe(true);
    expect(matches({ detail: { count: [{ numeric: ['<', 7] }] } })).toBe(false);
    expect(matches({ detail: { eventName: [{ exists: true }], absent: [{ exists: false }] } })).toBe(true);
    expect(matches({ detail: { eventName: [{ exists: false }] } })).toBe(false);
    expect(matches({ detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } })).toBe(true);
    expect(matches({ detail: { sourceIPAddress: [{ cidr: '10.0.1.0/24' }] } })).toBe(false);
  });

  it('matches when any branch of $or does', () => {
    const pattern = {
      source: ['aws.dynamodb'],
      $or: [
        { detail: { eventName: ['DeleteTable'] } },
        { detail: { requestParameters: { deletionProtectionEnabled: [false] } } },
      ],
    };
    expect(matches(pattern)).toBe(true);
    expect(matches({ ...pattern, source: ['aws.s3'] })).toBe(false);
  });
});

describe('event pattern validation', () => {
  it('accepts leaves that are arrays of values or of known operators', () => {
    expect(
      eventPatternProblem({ source: ['a'], detail: { n: [{ numeric: ['>=', 1] }], e: [{ exists: true }] } }),
    ).toBeUndefined();
  });

  it.each([
    [[], 'Filter is not an object'],
    [{ source: 'aws.dynamodb' }, '"source" must be an object or an array'],
    [{ detail: { eventName: [{ contains: 'x' }] } }, 'Unrecognized match type contains in "detail.eventName"'],
    [
      { detail: { n: [{ numeric: ['>', 'one'] }] } },
      'Value of numeric must be an array of comparison operators and numbers in "detail.n"',
    ],
    [{ detail: { e: [{ exists: 'yes' }] } }, 'exists match pattern must be either true or false in "detail.e"'],
    [{ $or: [{ source: ['a'] }] }, '"$or" at the top must be an array of at least two objects'],
  ])('names what is wrong with %j', (pattern, problem) => {
    expect(eventPatternProblem(pattern)).toBe(problem);
  });
});
