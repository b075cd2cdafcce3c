import {
  InvokeCommand,
  type LambdaClient,
  PutFunctionConcurrencyCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-lambda';
import { GetParameterCommand, GetParametersByPathCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endRecoveryMode, InputError, recoveryModeStatus, startRecoveryMode } from '../../src/index.js';
import {
  createFunction,
  createMixedEnvironment,
  lambdaSettings,
  mapQueue,
  sandboxClients,
} from './environmentFixture.js';

let sandbox: Sandbox;
let lambda: LambdaClient;
let ssm: SSMClient;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ lambda, ssm } = sandboxClients(sandbox));
});
afterAll(() => sandbox.stop());

const target = (environment: string) => ({ lambda, ssm, config: undefined, environment, operator: 'alice' });

async function invokeStatus(name: string): Promise<number | 'throttled'> {
  try {
    return (await lambda.send(new InvokeCommand({ FunctionName: name }))).StatusCode ?? 0;
  } catch (error) {
    if (error instanceof TooManyRequestsException) return 'throttled';
    throw error;
  }
}

async function savedParameters(environment: string): Promise<string[]> {
  const path = `/dynamo-dr/${environment}`;
  const found = await ssm.send(new GetParametersByPathCommand({ Path: path, Recursive: true }));
  return (found.Parameters ?? []).map((p) => p.Name ?? '');
}

describe('recovery mode with no configuration (environment = name prefix ENV-)', () => {
  it('holds the environment’s functions and mappings, leaves recovery and other functions, and gives back exactly what was there', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmA');
    const before = await lambdaSettings(lambda);

    const started = await startRecoveryMode(target('RmA'));
    expect(started.failures).toEqual([]);
    expect(started.by).toBe('alice');
    expect([...started.recoveryFunctions].sort()).toEqual([fx.auditor, fx.restoreFn].sort());

    const during = await lambdaSettings(lambda);
    expect(during[`function ${fx.api}`]).toBe(0);
    expect(during[`function ${fx.worker}`]).toBe(0);
    expect(during['mapping arn:aws:sqs:us-east-1:000000000000:RmA-orders']).toBe('Disabled');
    expect(during['mapping arn:aws:sqs:us-east-1:000000000000:RmA-audit']).toBe('Disabled');
    // Recovery functions and the other environment keep running.
    for (const untouched of [
      `function ${fx.restoreFn}`,
      `function ${fx.auditor}`,
      `function ${fx.foreign}`,
      'mapping arn:aws:sqs:us-east-1:000000000000:OtherRmA-orders',
    ]) {
      expect(during[untouched]).toBe(before[untouched]);
    }
    expect(await invokeStatus(fx.api)).toBe('throttled');
    expect(await invokeStatus(fx.worker)).toBe('throttled');
    expect(await invokeStatus(fx.restoreFn)).toBe(200);
    expect(await invokeStatus(fx.foreign)).toBe(200);

    const status = await recoveryModeStatus(target('RmA'));
    expect(status).toMatchObject({ inRecoveryMode: true, complete: true, by: 'alice', since: started.since });
    expect(status.functions.map((f) => [f.name, f.saved]).sort()).toEqual(
      [
        [fx.api, null],
        [fx.worker, 25],
      ].sort(),
    );

    const ended = await endRecoveryMode(target('RmA'));
    expect(ended.failures).toEqual([]);
    expect(ended.stateCleared).toBe(true);
    expect(await lambdaSettings(lambda)).toEqual(before);
    expect(await invokeStatus(fx.api)).toBe(200);
    expect(await savedParameters('RmA')).toEqual([]);
    expect((await recoveryModeStatus(target('RmA'))).inRecoveryMode).toBe(false);
  });

  it('started twice, changes nothing the second time and keeps the first saved state; end restores', async () => {
    await createMixedEnvironment(lambda, 'RmB');
    const before = await lambdaSettings(lambda);
    const first = await startRecoveryMode(target('RmB'));
    const head = (await ssm.send(new GetParameterCommand({ Name: '/dynamo-dr/RmB/recovery-mode' }))).Parameter;

    const second = await startRecoveryMode({ ...target('RmB'), operator: 'bob' });
    expect(second.alreadyStarted).toBe(true);
    expect(second.changes).toEqual([]);
    expect(second).toMatchObject({ since: first.since, by: 'alice' });
    const headAfter = (await ssm.send(new GetParameterCommand({ Name: '/dynamo-dr/RmB/recovery-mode' }))).Parameter;
    expect(headAfter?.Version).toBe(head?.Version);

    await endRecoveryMode(target('RmB'));
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('holds functions and mappings that appeared after start when started again, and gives them back too', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmH');
    const before = await lambdaSettings(lambda);
    await startRecoveryMode(target('RmH'));
    // Deployed during recovery mode: a new function with reserved 7, and a new mapping on a held function.
    await createFunction(lambda, 'RmH-Late', 7);
    await mapQueue(lambda, 'RmH-Late', 'RmH-late', true);
    await mapQueue(lambda, fx.worker, 'RmH-extra', true);

    const again = await startRecoveryMode(target('RmH'));
    expect(again.added).toHaveLength(3);
    expect(again.added).toContain('function RmH-Late');
    expect(await invokeStatus('RmH-Late')).toBe('throttled');
    const status = await recoveryModeStatus(target('RmH'));
    expect(status.complete).toBe(true);
    expect(status.functions.find((f) => f.name === fx.worker)?.saved).toBe(25);

    await endRecoveryMode(target('RmH'));
    expect(await lambdaSettings(lambda)).toEqual({
      ...before,
      'function RmH-Late': 7,
      'mapping arn:aws:sqs:us-east-1:000000000000:RmH-late': 'Enabled',
      'mapping arn:aws:sqs:us-east-1:000000000000:RmH-extra': 'Enabled',
    });
  });

  it('refuses to end an environment that is not in recovery mode, changing nothing', async () => {
    await createMixedEnvironment(lambda, 'RmC');
    const before = await lambdaSettings(lambda);
    const error = await endRecoveryMode(target('RmC')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /environment "RmC" is not in recovery mode: there is no saved state in SSM parameter \/dynamo-dr\/RmC\/recovery-mode/,
    );
    expect(await lambdaSettings(lambda)).toEqual(before);
    expect(await savedParameters('RmC')).toEqual([]);
  });

  it('refuses an environment with no function to hold, saving nothing', async () => {
    const error = await startRecoveryMode(target('Nowhere')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /matches no Lambda function to hold: none with names starting with "Nowhere-"/,
    );
    expect(await savedParameters('Nowhere')).toEqual([]);
  });

  it('on a dry run lists the changes and changes nothing', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmD');
    const before = await lambdaSettings(lambda);
    const plan = await startRecoveryMode({ ...target('RmD'), dryRun: true });
    expect(plan.changes).toEqual([
      expect.objectContaining({ resource: 'mapping', functionName: fx.worker, from: true, to: false }),
      expect.objectContaining({ resource: 'function', name: fx.api, from: null, to: 0 }),
      expect.objectContaining({ resource: 'function', name: fx.worker, from: 25, to: 0 }),
    ]);
    expect(await lambdaSettings(lambda)).toEqual(before);
    expect(await savedParameters('RmD')).toEqual([]);
  });
});

describe('recovery mode interrupted', () => {
  it('completes a start that crashed between its save and its changes, then ends exactly', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmE');
    const before = await lambdaSettings(lambda);
    // Simulated crash: a middleware on this SSM client lets the saved state's head
    // parameter be written, then throws, as if the process died right after the save.
    const { ssm: crashingSsm } = sandboxClients(sandbox);
    crashingSsm.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const input = args.input as { Name?: string };
        if (context.commandName === 'PutParameterCommand' && input.Name === '/dynamo-dr/RmE/recovery-mode') {
          throw new Error('simulated crash after the save');
        }
        return result;
      },
      { step: 'initialize', name: 'crashAfterSave' },
    );
    await expect(startRecoveryMode({ ...target('RmE'), ssm: crashingSsm })).rejects.toThrow('simulated crash');
    expect(await lambdaSettings(lambda)).toEqual(before);
    const interrupted = await recoveryModeStatus(target('RmE'));
    expect(interrupted).toMatchObject({ inRecoveryMode: true, complete: false });

    const resumed = await startRecoveryMode(target('RmE'));
    expect(resumed.alreadyStarted).toBe(true);
    expect(resumed.changes).toHaveLength(3);
    expect(resumed.failures).toEqual([]);
    expect(await invokeStatus(fx.worker)).toBe('throttled');

    await endRecoveryMode(target('RmE'));
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('lists a change that failed, exits with it unfinished, and a re-run completes the rest', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmF');
    const before = await lambdaSettings(lambda);
    // The sandbox cannot make one function refuse a change; a middleware on this
    // Lambda client fails the first PutFunctionConcurrency as AWS would on a throttled control plane.
    const { lambda: flaky } = sandboxClients(sandbox);
    let failed = false;
    flaky.middlewareStack.add(
      (next) => async (args) => {
        if (args.input && 'ReservedConcurrentExecutions' in (args.input as object) && !failed) {
          failed = true;
          throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failFirstPut' },
    );
    const partial = await startRecoveryMode({ ...target('RmF'), lambda: flaky });
    expect(partial.failures).toHaveLength(1);
    expect(partial.failures[0]?.error).toBe('TooManyRequestsException: Rate exceeded');
    expect((await recoveryModeStatus(target('RmF'))).complete).toBe(false);

    const rerun = await startRecoveryMode(target('RmF'));
    expect(rerun.failures).toEqual([]);
    expect(rerun.changes).toEqual([expect.objectContaining({ resource: 'function', to: 0 })]);
    expect((await recoveryModeStatus(target('RmF'))).complete).toBe(true);
    expect(await invokeStatus(fx.api)).toBe('throttled');

    await endRecoveryMode(target('RmF'));
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('keeps the saved state when end cannot restore a function, and a re-run after the fix ends it', async () => {
    const fx = await createMixedEnvironment(lambda, 'RmG');
    await startRecoveryMode(target('RmG'));
    // While in recovery mode someone reserves almost all of the account's concurrency
    // (1,000, of which 100 must stay unreserved): the worker's 25 no longer fits.
    const reservedElsewhere = Object.values(await lambdaSettings(lambda))
      .filter((v): v is number => typeof v === 'number')
      .reduce((a, b) => a + b, 0);
    const hog = fx.restoreFn;
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: hog,
        ReservedConcurrentExecutions: 900 - reservedElsewhere - 10,
      }),
    );
    const ended = await endRecoveryMode(target('RmG'));
    expect(ended.stateCleared).toBe(false);
    expect(ended.failures.map((f) => f.change.name)).toEqual([fx.worker]);
    expect(ended.failures[0]?.error).toMatch(
      /InvalidParameterValueException: .*UnreservedConcurrentExecution below its minimum/,
    );
    expect((await recoveryModeStatus(target('RmG'))).inRecoveryMode).toBe(true);

    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: hog, ReservedConcurrentExecutions: 1 }));
    const again = await endRecoveryMode(target('RmG'));
    expect(again.stateCleared).toBe(true);
    expect((await lambdaSettings(lambda))[`function ${fx.worker}`]).toBe(25);
  });
});
