import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/index.js';
import { zipPackage } from '../../src/lambda/code/zipPackage.js';

const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const clients = (sandbox: Sandbox) => ({
  ssm: new SSMClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials }),
  lambda: new LambdaClient({ endpoint: sandbox.endpoint, region: sandbox.region, credentials }),
});

it('keeps parameters and functions across a restart when given a data directory', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sandbox-data-'));
  const first = await startSandbox({ dataDir });
  try {
    const { ssm, lambda } = clients(first);
    await ssm.send(new PutParameterCommand({ Name: '/app/prod/mode', Value: 'recovery', Type: 'String' }));
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'Prod-Api',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::000000000000:role/app',
        Code: { ZipFile: await zipPackage({ 'index.mjs': 'export const handler = async () => null;' }) },
      }),
    );
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'Prod-Api', ReservedConcurrentExecutions: 0 }));
  } finally {
    await first.stop();
  }
  const second = await startSandbox({ dataDir });
  try {
    const { ssm, lambda } = clients(second);
    expect((await ssm.send(new GetParameterCommand({ Name: '/app/prod/mode' }))).Parameter?.Value).toBe('recovery');
    expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'Prod-Api' }))).Concurrency).toEqual({
      ReservedConcurrentExecutions: 0,
    });
  } finally {
    await second.stop();
  }
});
