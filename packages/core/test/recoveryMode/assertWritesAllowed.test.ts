import { PutFunctionConcurrencyCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertWritesAllowed, endRecoveryMode, InputError, startRecoveryMode } from '../../src/index.js';
import { createFunction, createMixedEnvironment, sandboxClients } from './environmentFixture.js';

let sandbox: Sandbox;
let lambda: LambdaClient;
let ssm: SSMClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  ({ lambda, ssm } = sandboxClients(sandbox));
  await createMixedEnvironment(lambda, 'Prod');
});
afterAll(() => sandbox.stop());

const guard = (environment: string | undefined, allowLiveWrites = false) =>
  assertWritesAllowed({ lambda, ssm, config: undefined, environment, allowLiveWrites, tableName: 'Prod-Orders' });

it('refuses writes into a live table whose environment is not in recovery mode, saying how to fix it', async () => {
  const error = await guard('Prod').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toBe(
    'environment "Prod" is not in recovery mode (table Prod-Orders is live). Run `dynamo-dr recovery-mode start --environment Prod`, or pass --allow-live-writes to write into table Prod-Orders while the application may be writing too.',
  );
});

it('refuses when no configuration gives the table an environment, unless live writes are allowed', async () => {
  await expect(guard(undefined)).rejects.toThrow(
    /tableName "Prod-Orders" has no known environment.*--allow-live-writes/,
  );
  expect(await guard(undefined, true)).toEqual({ allowedBy: 'allow-live-writes', environment: undefined });
});

it('allows writes once every function is held, and refuses again while one is not', async () => {
  await startRecoveryMode({ lambda, ssm, config: undefined, environment: 'Prod', operator: 'alice' });
  expect(await guard('Prod')).toMatchObject({ allowedBy: 'recovery-mode', environment: 'Prod', by: 'alice' });

  await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'Prod-Api', ReservedConcurrentExecutions: 5 }));
  await expect(guard('Prod')).rejects.toThrow(/is only partly in recovery mode: function Prod-Api still run/);

  await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'Prod-Api', ReservedConcurrentExecutions: 0 }));
  await createFunction(lambda, 'Prod-DeployedDuringRecovery');
  await expect(guard('Prod')).rejects.toThrow(
    /is only partly in recovery mode: function Prod-DeployedDuringRecovery still run/,
  );
  await startRecoveryMode({ lambda, ssm, config: undefined, environment: 'Prod' });
  expect(await guard('Prod')).toMatchObject({ allowedBy: 'recovery-mode' });

  await endRecoveryMode({ lambda, ssm, config: undefined, environment: 'Prod' });
  await expect(guard('Prod')).rejects.toThrow(/is not in recovery mode/);
});
