import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteConflictException,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  LimitExceededException,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  UpdateAssumeRolePolicyCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

// The real IAMClient (Query protocol, XML) against the sandbox; each expectation cites the IAM API reference:
// https://docs.aws.amazon.com/IAM/latest/APIReference/
let sandbox: Sandbox;
let iam: IAMClient;

const lambdaTrust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const readTable = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:*:*:table/A' }],
});

beforeAll(async () => {
  sandbox = await startSandbox();
  iam = new IAMClient({ ...sandbox.clientConfig, maxAttempts: 1 });
});
afterAll(() => sandbox.stop());

describe('roles', () => {
  it('creates a role, returns it with its trust policy URL-encoded, and refuses a second of the same name', async () => {
    // API_CreateRole: Role with Arn, RoleId, Path; EntityAlreadyExists (409) for a taken name.
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'worker',
        Path: '/dr/',
        AssumeRolePolicyDocument: lambdaTrust,
        Tags: [{ Key: 'team', Value: 'dr' }],
      }),
    );
    expect(created.Role?.Arn).toBe(`arn:aws:iam::${SANDBOX_ACCOUNT}:role/dr/worker`);
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'worker' }));
    // API_Role: AssumeRolePolicyDocument is URL-encoded (RFC 3986).
    expect(JSON.parse(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? ''))).toEqual(JSON.parse(lambdaTrust));
    expect(got.Role?.Tags).toEqual([{ Key: 'team', Value: 'dr' }]);
    expect(got.Role?.MaxSessionDuration).toBe(3600);
    const again = await iam
      .send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: lambdaTrust }))
      .catch((e) => e);
    expect(again).toBeInstanceOf(EntityAlreadyExistsException);
    expect(again.$metadata.httpStatusCode).toBe(409);
    expect(again.message).toBe('Role with name worker already exists.');
  });

  it('refuses a trust policy that is not one, naming the problem, and creates nothing', async () => {
    // API_CreateRole errors: MalformedPolicyDocument.
    const bad = await iam
      .send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: readTable }))
      .catch((e) => e);
    expect(bad).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(bad.message).toBe('Has prohibited field Resource');
    await expect(iam.send(new GetRoleCommand({ RoleName: 'bad' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('answers NoSuchEntity (404) for a role that does not exist', async () => {
    const error = await iam.send(new GetRoleCommand({ RoleName: 'nobody' })).catch((e) => e);
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('The role with name nobody cannot be found.');
  });

  it('lists roles across pages', async () => {
    for (const n of [1, 2, 3]) {
      await iam.send(new CreateRoleCommand({ RoleName: `list-${n}`, AssumeRolePolicyDocument: lambdaTrust }));
    }
    const first = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const names: string[] = [];
    for await (const page of paginateListRoles({ client: iam, pageSize: 2 }, {})) {
      names.push(...(page.Roles ?? []).map((r) => r.RoleName ?? ''));
    }
    expect(names).toEqual(expect.arrayContaining(['list-1', 'list-2', 'list-3']));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('policies', () => {
  it('puts, reads, lists and deletes an inline policy; DeleteRole waits until none is left', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'inline', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'inline', PolicyName: 'read', PolicyDocument: readTable }));
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: 'inline', PolicyName: 'read' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(JSON.parse(readTable));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'inline' }))).PolicyNames).toEqual(['read']);
    // API_DeleteRole errors: DeleteConflict while the role has policies.
    await expect(iam.send(new DeleteRoleCommand({ RoleName: 'inline' }))).rejects.toBeInstanceOf(
      DeleteConflictException,
    );
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'inline', PolicyName: 'read' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'inline' }));
    await expect(iam.send(new GetRoleCommand({ RoleName: 'inline' }))).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('refuses a policy document without resources, naming it', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'strict', AssumeRolePolicyDocument: lambdaTrust }));
    const error = await iam
      .send(
        new PutRolePolicyCommand({
          RoleName: 'strict',
          PolicyName: 'p',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }],
          }),
        }),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(error.message).toBe('Policy statement must contain resources.');
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'strict' }))).PolicyNames).toEqual([]);
  });

  it('creates a managed policy, attaches, counts, detaches and deletes it', async () => {
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'ReadA', PolicyDocument: readTable }));
    const arn = created.Policy?.Arn ?? '';
    expect(arn).toBe(`arn:aws:iam::${SANDBOX_ACCOUNT}:policy/ReadA`);
    expect(created.Policy?.DefaultVersionId).toBe('v1');
    await iam.send(new CreateRoleCommand({ RoleName: 'attached', AssumeRolePolicyDocument: lambdaTrust }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'attached', PolicyArn: arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount).toBe(1);
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''))).toEqual(JSON.parse(readTable));
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
    // API_DeletePolicy errors: DeleteConflict while attached.
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: arn }))).rejects.toBeInstanceOf(DeleteConflictException);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'attached' }))).AttachedPolicies).toEqual([
      { PolicyName: 'ReadA', PolicyArn: arn },
    ]);
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'attached', PolicyArn: arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: arn }))).rejects.toBeInstanceOf(NoSuchEntityException);
  });

  it('attaches AWSLambdaBasicExecutionRole with its real statements, and refuses an AWS managed policy it does not know', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'basic', AssumeRolePolicyDocument: lambdaTrust }));
    const basic = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'basic', PolicyArn: basic }));
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: basic, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? '')).Statement[0].Action).toEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    const unknown = await iam
      .send(new AttachRolePolicyCommand({ RoleName: 'basic', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }))
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(NoSuchEntityException);
    expect(unknown.message).toMatch(
      /^Policy arn:aws:iam::aws:policy\/AmazonS3FullAccess does not exist or is not attachable\. \(the dynamo-dr sandbox knows only these AWS managed policies: .*AWSLambdaBasicExecutionRole/,
    );
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'basic' }))).AttachedPolicies).toHaveLength(
      1,
    );
  });

  it('keeps versions of a managed policy: a new default, at most five, never deleting the default', async () => {
    const arn =
      (await iam.send(new CreatePolicyCommand({ PolicyName: 'Versioned', PolicyDocument: readTable }))).Policy?.Arn ??
      '';
    const v2 = await iam.send(
      new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: readTable, SetAsDefault: true }),
    );
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId).toBe('v2');
    await expect(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }))).rejects.toBeInstanceOf(
      DeleteConflictException,
    );
    for (let i = 0; i < 3; i++)
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: readTable }));
    await expect(
      iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: readTable })),
    ).rejects.toBeInstanceOf(LimitExceededException);
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    expect(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', false],
      ['v4', false],
      ['v3', false],
      ['v2', true],
    ]);
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    expect(local.Policies?.map((p) => p.Arn)).toContain(arn);
    expect(local.Policies?.some((p) => p.Arn?.startsWith('arn:aws:iam::aws:'))).toBe(false);
  });

  it('replaces a role’s trust policy, checked as one', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'retrusted', AssumeRolePolicyDocument: lambdaTrust }));
    const states = lambdaTrust.replace('lambda.amazonaws.com', 'states.amazonaws.com');
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'retrusted', PolicyDocument: states }));
    const got = await iam.send(new GetRoleCommand({ RoleName: 'retrusted' }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? '')).toBe(states);
    await expect(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'retrusted', PolicyDocument: readTable })),
    ).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
  });
});
