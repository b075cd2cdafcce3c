import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

/**
 * A role with one inline policy of `statements`, trusted by the account, assumed through the sandbox's STS: client
 * settings that sign every call with that session (one attempt, so a refusal is seen at once).
 */
export async function roleSession(sandbox: Sandbox, name: string, statements: readonly unknown[]) {
  const iam = new IAMClient(sandbox.clientConfig);
  const sts = new STSClient(sandbox.clientConfig);
  try {
    await iam.send(
      new CreateRoleCommand({
        RoleName: name,
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
        RoleName: name,
        PolicyName: 'access',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
      }),
    );
    const { Credentials: c } = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/${name}`, RoleSessionName: 'test' }),
    );
    return {
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      maxAttempts: 1,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretAccessKey ?? '',
        sessionToken: c?.SessionToken,
      },
    };
  } finally {
    iam.destroy();
    sts.destroy();
  }
}
