import {
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  type DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import {
  CreateRoleCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { roleSession } from './roleSession.js';

// IAM enforcement with the real SDK clients: an operator makes roles, assumes them through STS, and the
// role's credentials reach DynamoDB only as far as its policies allow.
let sandbox: Sandbox;
let operatorDb: DynamoDBClient;
let iam: IAMClient;
let sts: STSClient;

const tableArn = (name: string) => `arn:aws:dynamodb:${sandbox.region}:${SANDBOX_ACCOUNT}:table/${name}`;
const trustAccount = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
  ],
});

async function createTable(name: string): Promise<void> {
  await operatorDb.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
}

/** A role with one inline policy, and a DynamoDB client signing with a session of it. */
async function roleClient(name: string, statements: unknown[]): Promise<DynamoDBClient> {
  return new DynamoDBClient(await roleSession(sandbox, name, statements));
}

async function denial(promise: Promise<unknown>): Promise<DynamoDBServiceException> {
  return promise.then(
    () => {
      throw new Error('expected AccessDeniedException');
    },
    (e: DynamoDBServiceException) => e,
  );
}

beforeAll(async () => {
  sandbox = await startSandbox();
  operatorDb = new DynamoDBClient(sandbox.clientConfig);
  iam = new IAMClient(sandbox.clientConfig);
  sts = new STSClient(sandbox.clientConfig);
  for (const name of ['TblA', 'TblB', 'Orders', 'Orders-dr-123', 'Cond']) await createTable(name);
  await operatorDb.send(new PutItemCommand({ TableName: 'TblA', Item: { pk: { S: 'a1' } } }));
});
afterAll(() => sandbox.stop());

describe('a role allowed Scan on table TblA only', () => {
  it('scans TblA; DeleteTable is refused with AWS’s AccessDeniedException and the table still exists', async () => {
    const db = await roleClient('scanner', [{ Effect: 'Allow', Action: 'dynamodb:Scan', Resource: tableArn('TblA') }]);
    expect((await db.send(new ScanCommand({ TableName: 'TblA' }))).Items).toEqual([{ pk: { S: 'a1' } }]);
    const error = await denial(db.send(new DeleteTableCommand({ TableName: 'TblA' })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `User: arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/scanner/test is not authorized to perform: dynamodb:DeleteTable on resource: ${tableArn('TblA')} because no identity-based policy allows the dynamodb:DeleteTable action`,
    );
    expect((await operatorDb.send(new DescribeTableCommand({ TableName: 'TblA' }))).Table?.TableStatus).toBe('ACTIVE');
    const otherTable = await denial(db.send(new ScanCommand({ TableName: 'TblB' })));
    expect(otherTable.message).toContain(`dynamodb:Scan on resource: ${tableArn('TblB')}`);
  });
});

describe('policy evaluation', () => {
  it('an explicit Deny beats an Allow', async () => {
    const db = await roleClient('denied', [
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
      { Effect: 'Deny', Action: 'dynamodb:Scan', Resource: tableArn('TblA') },
    ]);
    const error = await denial(db.send(new ScanCommand({ TableName: 'TblA' })));
    expect(error.message).toBe(
      `User: arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/denied/test is not authorized to perform: dynamodb:Scan on resource: ${tableArn('TblA')} with an explicit deny in an identity-based policy`,
    );
    expect((await db.send(new ScanCommand({ TableName: 'TblB' }))).Items).toEqual([]);
  });

  it('matches action wildcards case-insensitively, and ? as one character', async () => {
    const db = await roleClient('wild', [
      { Effect: 'Allow', Action: 'DYNAMODB:sc*', Resource: 'arn:aws:dynamodb:*:*:table/Tbl?' },
    ]);
    expect((await db.send(new ScanCommand({ TableName: 'TblB' }))).Items).toEqual([]);
    expect((await denial(db.send(new ScanCommand({ TableName: 'Orders' })))).name).toBe('AccessDeniedException');
    expect((await denial(db.send(new PutItemCommand({ TableName: 'TblB', Item: { pk: { S: 'x' } } })))).name).toBe(
      'AccessDeniedException',
    );
  });

  it('a resource pattern table/Orders-dr-* allows a matching temporary table only', async () => {
    const db = await roleClient('cleanup', [
      { Effect: 'Allow', Action: 'dynamodb:DeleteTable', Resource: `arn:aws:dynamodb:*:*:table/Orders-dr-*` },
    ]);
    const refused = await denial(db.send(new DeleteTableCommand({ TableName: 'Orders' })));
    expect(refused.message).toContain(`dynamodb:DeleteTable on resource: ${tableArn('Orders')}`);
    expect((await operatorDb.send(new DescribeTableCommand({ TableName: 'Orders' }))).Table?.TableName).toBe('Orders');
    await db.send(new DeleteTableCommand({ TableName: 'Orders-dr-123' }));
    await expect(operatorDb.send(new DescribeTableCommand({ TableName: 'Orders-dr-123' }))).rejects.toThrow(
      /not found/i,
    );
  });

  it('NotAction and NotResource allow everything but what they name', async () => {
    const db = await roleClient('not', [
      { Effect: 'Allow', NotAction: 'dynamodb:DeleteTable', NotResource: tableArn('TblA') },
    ]);
    expect((await db.send(new ScanCommand({ TableName: 'TblB' }))).Items).toEqual([]);
    expect((await denial(db.send(new ScanCommand({ TableName: 'TblA' })))).name).toBe('AccessDeniedException');
    expect((await denial(db.send(new DeleteTableCommand({ TableName: 'TblB' })))).name).toBe('AccessDeniedException');
  });

  it('evaluates aws:RequestedRegion, and names a condition key it cannot evaluate instead of ignoring it', async () => {
    const db = await roleClient('conditional', [
      {
        Effect: 'Allow',
        Action: 'dynamodb:Scan',
        Resource: tableArn('Cond'),
        Condition: { StringEquals: { 'aws:RequestedRegion': sandbox.region } },
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:PutItem',
        Resource: tableArn('Cond'),
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk'] } },
      },
    ]);
    expect((await db.send(new ScanCommand({ TableName: 'Cond' }))).Items).toEqual([]);
    const error = await denial(db.send(new PutItemCommand({ TableName: 'Cond', Item: { pk: { S: 'x' } } })));
    expect(error.message).toContain('because no identity-based policy allows the dynamodb:PutItem action');
    expect(error.message).toContain('cannot evaluate the condition ForAllValues:StringEquals on dynamodb:Attributes');
    expect((await operatorDb.send(new ScanCommand({ TableName: 'Cond' }))).Items).toEqual([]);
  });

  it('a BatchWriteItem needs the permission on every table it names, and writes nothing when one is refused', async () => {
    const db = await roleClient('batcher', [
      { Effect: 'Allow', Action: 'dynamodb:BatchWriteItem', Resource: tableArn('TblA') },
    ]);
    const put = (id: string) => ({ PutRequest: { Item: { pk: { S: id } } } });
    const error = await denial(
      db.send(new BatchWriteItemCommand({ RequestItems: { TblA: [put('batch-a')], TblB: [put('batch-b')] } })),
    );
    expect(error.message).toContain(`dynamodb:BatchWriteItem on resource: ${tableArn('TblB')}`);
    const key = { pk: { S: 'batch-a' } };
    expect((await operatorDb.send(new GetItemCommand({ TableName: 'TblA', Key: key }))).Item).toBeUndefined();
    await db.send(new BatchWriteItemCommand({ RequestItems: { TblA: [put('batch-a')] } }));
    expect((await operatorDb.send(new GetItemCommand({ TableName: 'TblA', Key: key }))).Item).toEqual(key);
  });

  it('a point-in-time restore needs the restore permission on its source and its target', async () => {
    await operatorDb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'TblA',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const db = await roleClient('restorer', [
      { Effect: 'Allow', Action: 'dynamodb:RestoreTableToPointInTime', Resource: tableArn('TblA') },
    ]);
    const error = await denial(
      db.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: 'TblA',
          TargetTableName: 'TblA-dr-1',
          UseLatestRestorableTime: true,
        }),
      ),
    );
    expect(error.message).toContain(`dynamodb:RestoreTableToPointInTime on resource: ${tableArn('TblA-dr-1')}`);
    await expect(operatorDb.send(new DescribeTableCommand({ TableName: 'TblA-dr-1' }))).rejects.toThrow(/not found/i);
  });
});

describe('credentials', () => {
  it('GetCallerIdentity names the assumed role; the operator is the account', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'who', AssumeRolePolicyDocument: trustAccount }));
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/who`, RoleSessionName: 'alice' }),
    );
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const c = assumed.Credentials;
    const asRole = new STSClient({
      ...sandbox.clientConfig,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken,
      },
    });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/who/alice`,
    );
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${SANDBOX_ACCOUNT}:root`);
  });

  it('refuses a role key sent with the wrong session token', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'token', AssumeRolePolicyDocument: trustAccount }));
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/token`, RoleSessionName: 's1' }),
    );
    const forged = new DynamoDBClient({
      ...sandbox.clientConfig,
      maxAttempts: 1,
      credentials: {
        accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
        secretAccessKey: 'x',
        sessionToken: 'forged',
      },
    });
    await expect(forged.send(new ScanCommand({ TableName: 'TblA' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });
});

describe('SimulatePrincipalPolicy', () => {
  it('answers per action with the decision, the matched statement and each resource’s decision', async () => {
    await roleClient('simulated', [
      { Effect: 'Allow', Action: 'dynamodb:Scan', Resource: tableArn('TblA') },
      { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
    ]);
    const result = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/simulated`,
        ActionNames: ['dynamodb:Scan', 'dynamodb:DeleteTable', 'dynamodb:PutItem'],
        ResourceArns: [tableArn('TblA'), tableArn('TblB')],
      }),
    );
    const byAction: Record<string, EvaluationResult> = Object.fromEntries(
      (result.EvaluationResults ?? []).map((r) => [r.EvalActionName ?? '', r]),
    );
    expect(byAction['dynamodb:Scan']?.EvalDecision).toBe('implicitDeny');
    expect(
      byAction['dynamodb:Scan']?.ResourceSpecificResults?.map((r) => [r.EvalResourceName, r.EvalResourceDecision]),
    ).toEqual([
      [tableArn('TblA'), 'allowed'],
      [tableArn('TblB'), 'implicitDeny'],
    ]);
    expect(byAction['dynamodb:Scan']?.ResourceSpecificResults?.[0]?.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'access',
        SourcePolicyType: 'role',
        StartPosition: { Line: 1, Column: 38 },
        EndPosition: expect.any(Object),
      },
    ]);
    expect(byAction['dynamodb:DeleteTable']?.EvalDecision).toBe('explicitDeny');
    expect(byAction['dynamodb:PutItem']?.EvalDecision).toBe('implicitDeny');
    expect(result.IsTruncated).toBe(false);
  });
});
