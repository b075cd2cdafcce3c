import { GetParametersByPathCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DrError } from '../../src/index.js';
import { SAVED_STATE_FORMAT, type SavedState } from '../../src/recoveryMode/savedState.js';
import { clearState, loadState, saveState } from '../../src/recoveryMode/stateStore.js';
import { sandboxClients } from './environmentFixture.js';

let sandbox: Sandbox;
let ssm: SSMClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  ({ ssm } = sandboxClients(sandbox));
});
afterAll(() => sandbox.stop());

// 150 functions with CDK-length names: ~20 KB of state, far over one standard parameter's 4 KB.
const bigState: SavedState = {
  format: SAVED_STATE_FORMAT,
  environment: 'Prod',
  since: '2026-11-22T02:00:00.000Z',
  by: 'alice',
  functions: Array.from({ length: 150 }, (_, i) => ({
    name: `Prod-OrdersServiceStack-HandlerFunction${i}ABCDEF123`,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:Prod-OrdersServiceStack-HandlerFunction${i}ABCDEF123`,
    reservedConcurrency: i % 3 === 0 ? null : i,
  })),
  mappings: [
    {
      uuid: 'a1b2',
      functionName: 'Prod-OrdersServiceStack-HandlerFunction1ABCDEF123',
      eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:q',
      enabled: true,
    },
  ],
};

it('saves a state larger than one parameter holds across parts, reads it back whole, and clears every part', async () => {
  await saveState(ssm, '/dynamo-dr/Prod/recovery-mode', bigState);
  const parts = await ssm.send(
    new GetParametersByPathCommand({ Path: '/dynamo-dr/Prod/recovery-mode', Recursive: true }),
  );
  expect((parts.Parameters ?? []).length).toBeGreaterThan(4);
  expect(await loadState(ssm, '/dynamo-dr/Prod/recovery-mode')).toEqual(bigState);

  await clearState(ssm, '/dynamo-dr/Prod/recovery-mode');
  expect(await loadState(ssm, '/dynamo-dr/Prod/recovery-mode')).toBeUndefined();
  const left = await ssm.send(new GetParametersByPathCommand({ Path: '/dynamo-dr/Prod', Recursive: true }));
  expect(left.Parameters).toEqual([]);
});

it('keeps the previous version whole when a new save crashes before its head is written', async () => {
  const parameter = '/dynamo-dr/Resave/recovery-mode';
  const first = { ...bigState, environment: 'Resave' };
  await saveState(ssm, parameter, first);
  // Simulated crash: this client fails the head's PutParameter, after every part of the new version was written.
  const { ssm: crashing } = sandboxClients(sandbox);
  crashing.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutParameterCommand' && (args.input as { Name?: string }).Name === parameter) {
        throw new Error('simulated crash before the head');
      }
      return next(args);
    },
    { step: 'initialize', name: 'crashBeforeHead' },
  );
  const second = { ...first, functions: first.functions.slice(0, 10) };
  await expect(saveState(crashing, parameter, second)).rejects.toThrow('simulated crash');
  expect(await loadState(ssm, parameter)).toEqual(first);

  await saveState(ssm, parameter, second);
  expect(await loadState(ssm, parameter)).toEqual(second);
  const stored = await ssm.send(new GetParametersByPathCommand({ Path: parameter, Recursive: true }));
  expect(stored.Parameters?.length).toBe(1); // the first version's parts are gone
});

it('refuses a saved state whose parts were altered, saying where it is', async () => {
  await saveState(ssm, '/dynamo-dr/Test/recovery-mode', { ...bigState, environment: 'Test' });
  const parts = await ssm.send(
    new GetParametersByPathCommand({ Path: '/dynamo-dr/Test/recovery-mode', Recursive: true }),
  );
  await ssm.send(
    new PutParameterCommand({ Name: parts.Parameters?.[1]?.Name, Value: 'edited', Type: 'String', Overwrite: true }),
  );
  const error = await loadState(ssm, '/dynamo-dr/Test/recovery-mode').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DrError);
  expect((error as Error).message).toBe(
    'The saved recovery-mode state in SSM parameter /dynamo-dr/Test/recovery-mode cannot be read: its parts do not match the digest in its head.',
  );
});
