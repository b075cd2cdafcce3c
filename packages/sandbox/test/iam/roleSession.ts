import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

/** Credentials of a role session: what an SDK client's `credentials` (or the AWS_* variables) take. */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/**
 * Makes a role the account may assume, with `statements` as its one inline policy, and assumes it through the
 * sandbox's STS: every request signed with the session's credentials is then checked against those statements.
 */
export async function roleSession(
  sandbox: Sandbox,
  roleName: string,
  statements: unknown[],
): Promise<SessionCredentials> {
  const iam = new IAMClient(sandbox.clientConfig);
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: 'access',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    }),
  );
  const { Credentials: c } = await new STSClient(sandbox.clientConfig).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/${roleName}`, RoleSessionName: 'test' }),
  );
  return {
    accessKeyId: c?.AccessKeyId ?? '',
    secretAccessKey: c?.SecretAccessKey ?? '',
    sessionToken: c?.SessionToken ?? '',
  };
}
