import { describe, expect, it } from 'vitest';
import { evaluatePolicies, type NamedPolicy } from '../../src/iam/policyEvaluation.js';
import { parsePolicyDocument } from '../../src/iam/policyDocument.js';

// IAM's evaluation logic for identity-based policies, case by case:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
const policy = (...Statement: unknown[]): NamedPolicy[] => [
  {
    id: 'p',
    type: 'role',
    document: parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement }), 'identity'),
  },
];
const table = 'arn:aws:dynamodb:eu-west-1:000000000000:table/Orders';
const context = (entries: Record<string, string[]> = {}) =>
  new Map(Object.entries({ 'aws:requestedregion': ['eu-west-1'], ...entries }));
const decide = (policies: NamedPolicy[], action = 'dynamodb:Scan', resource = table, ctx = context()) =>
  evaluatePolicies(policies, action, resource, ctx, 'unsupported');

describe('conditions', () => {
  it('StringLike, StringNotEquals and …IfExists follow IAM’s rules for present and missing keys', () => {
    const allow = (Condition: unknown) => policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition });
    expect(decide(allow({ StringLike: { 'aws:RequestedRegion': 'eu-*' } })).decision).toBe('allowed');
    expect(decide(allow({ StringLike: { 'aws:RequestedRegion': 'us-*' } })).decision).toBe('implicitDeny');
    // A negated operator on a key the request lacks is true; a positive one false; …IfExists true.
    expect(decide(allow({ StringNotEquals: { 'aws:SourceArn': 'arn:x' } })).decision).toBe('allowed');
    expect(decide(allow({ StringEquals: { 'aws:SourceArn': 'arn:x' } })).decision).toBe('implicitDeny');
    expect(decide(allow({ StringEqualsIfExists: { 'aws:SourceArn': 'arn:x' } })).decision).toBe('allowed');
    expect(decide(allow({ Null: { 'aws:SourceArn': 'true' } })).decision).toBe('allowed');
    // Condition keys compare case-insensitively.
    expect(decide(allow({ StringEquals: { 'AWS:REQUESTEDREGION': 'eu-west-1' } })).decision).toBe('allowed');
  });

  it('a Deny whose condition cannot be evaluated denies, and says so', () => {
    const result = decide(
      policy(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'NoBigScans',
          Effect: 'Deny',
          Action: 'dynamodb:Scan',
          Resource: '*',
          Condition: { NumericGreaterThan: { 'dynamodb:Limit': '10' } },
        },
      ),
    );
    expect(result.decision).toBe('explicitDeny');
    expect(result.unsupported).toEqual([
      'NumericGreaterThan on dynamodb:Limit (the sandbox does not know this key for this request) in policy p statement "NoBigScans"',
    ]);
  });

  it('a key the mapping sets is evaluated (iam:PassedToService)', () => {
    const passRole = policy({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: '*',
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
    const role = 'arn:aws:iam::000000000000:role/r';
    expect(
      decide(passRole, 'iam:PassRole', role, context({ 'iam:passedtoservice': ['lambda.amazonaws.com'] })).decision,
    ).toBe('allowed');
    expect(
      decide(passRole, 'iam:PassRole', role, context({ 'iam:passedtoservice': ['states.amazonaws.com'] })).decision,
    ).toBe('implicitDeny');
  });
});

describe('actions and resources', () => {
  it('NotAction in a Deny denies everything else; ? matches exactly one character', () => {
    const policies = policy(
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/Order?' },
      { Effect: 'Deny', NotAction: ['dynamodb:Scan', 'dynamodb:Get*'], Resource: '*' },
    );
    expect(decide(policies).decision).toBe('allowed');
    expect(decide(policies, 'dynamodb:GetItem').decision).toBe('allowed');
    expect(decide(policies, 'dynamodb:PutItem').decision).toBe('explicitDeny');
    expect(decide(policies, 'dynamodb:Scan', `${table}X`).decision).toBe('implicitDeny');
  });

  it('a statement’s * in a resource spans path separators (an index of the table)', () => {
    const policies = policy({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: `${table}/*` });
    expect(decide(policies, 'dynamodb:Query', `${table}/index/byCustomer`).decision).toBe('allowed');
    expect(decide(policies, 'dynamodb:Query', table).decision).toBe('implicitDeny');
  });
});
