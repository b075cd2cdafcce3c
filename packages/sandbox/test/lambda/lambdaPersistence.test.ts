import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lambda-persist-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com', AWS: `arn:aws:iam::${SANDBOX_ACCOUNT}:root` },
      Action: 'sts:AssumeRole',
    },
  ],
});
const body = (text: Uint8Array | undefined) => JSON.parse(Buffer.from(text ?? []).toString());

describe('with a data directory', () => {
  it('keeps functions with their code, roles, and issued role credentials across a restart', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await startSandbox({ dataDir });
    const iam = new IAMClient(first.clientConfig);
    await iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trust }));
    await new LambdaClient(first.clientConfig).send(
      new CreateFunctionCommand({
        FunctionName: 'kept-fn',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/kept`,
        Code: { ZipFile: await zipPackage({ 'index.mjs': `export const handler = async () => 'still here';` }) },
      }),
    );
    const assumed = await new STSClient(first.clientConfig).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/kept`, RoleSessionName: 'before' }),
    );
    await first.stop();

    const second = await startSandbox({ dataDir });
    try {
      expect(
        (await new IAMClient(second.clientConfig).send(new GetRoleCommand({ RoleName: 'kept' }))).Role?.RoleName,
      ).toBe('kept');
      const out = await new LambdaClient(second.clientConfig).send(new InvokeCommand({ FunctionName: 'kept-fn' }));
      expect(body(out.Payload)).toBe('still here');
      // The key issued before the restart still stands for the role, not for the operator.
      const c = assumed.Credentials;
      const asRole = new STSClient({
        ...second.clientConfig,
        credentials: {
          accessKeyId: c?.AccessKeyId ?? '',
          secretAccessKey: c?.SecretAccessKey ?? '',
          sessionToken: c?.SessionToken,
        },
      });
      expect((await asRole.send(new GetCallerIdentityCommand({}))).Arn).toBe(
        `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/kept/before`,
      );
    } finally {
      await second.stop();
    }
  });
});

describe('nodeBinaries', () => {
  it('runs a runtime’s functions with the node binary configured for it', async () => {
    const wrapper = path.join(dir, 'node22');
    await writeFile(wrapper, `#!/bin/sh\nNODE_FROM_WRAPPER=yes exec "${process.execPath}" "$@"\n`);
    await chmod(wrapper, 0o755);
    const sandbox = await startSandbox({ nodeBinaries: { 'nodejs22.x': wrapper } });
    try {
      const lambda = new LambdaClient(sandbox.clientConfig);
      const create = async (name: string, runtime: 'nodejs22.x' | 'nodejs24.x') =>
        lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Runtime: runtime,
            Handler: 'index.handler',
            Role: `arn:aws:iam::${SANDBOX_ACCOUNT}:role/any`,
            Code: {
              ZipFile: await zipPackage({
                'index.mjs': `export const handler = async () => process.env.NODE_FROM_WRAPPER ?? 'own';`,
              }),
            },
          }),
        );
      await create('on-22', 'nodejs22.x');
      await create('on-24', 'nodejs24.x');
      expect(body((await lambda.send(new InvokeCommand({ FunctionName: 'on-22' }))).Payload)).toBe('yes');
      expect(body((await lambda.send(new InvokeCommand({ FunctionName: 'on-24' }))).Payload)).toBe('own');
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses, before starting, a binary that is not an absolute executable path or a runtime that is not Node.js', async () => {
    await expect(startSandbox({ nodeBinaries: { 'nodejs22.x': 'node' } })).rejects.toThrow(
      'nodeBinaries["nodejs22.x"] is "node", which is not an executable file\'s absolute path',
    );
    await expect(startSandbox({ nodeBinaries: { 'python3.12': process.execPath } })).rejects.toThrow(
      'nodeBinaries names "python3.12", which is not a Node.js runtime the sandbox runs',
    );
  });
});
