import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  TooManyRequestsException,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMixedEnvironment,
  lambdaSettings,
  sandboxClients,
} from '../../core/test/recoveryMode/environmentFixture.js';
import { cliArgv } from './cliArgv.js';

// The real CLI in a child process, pointed at a sandbox with AWS_ENDPOINT_URL.
let sandbox: Sandbox;
let lambda: LambdaClient;
let workDir: string;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      cliArgv(...args),
      { cwd: workDir, env: { ...process.env, ...sandbox.env, DYNAMO_DR_OPERATOR: 'ci-operator' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ lambda } = sandboxClients(sandbox));
  workDir = await mkdtemp(path.join(tmpdir(), 'rm-cli-'));
});
afterAll(() => sandbox.stop());

describe('dynamo-dr recovery-mode', () => {
  it('starts (JSON on stdout), reports status, and ends with every setting as before', async () => {
    const fx = await createMixedEnvironment(lambda, 'CliA');
    const before = await lambdaSettings(lambda);

    const started = await cli(['recovery-mode', 'start', '--environment', 'CliA', '--json']);
    expect(started.code).toBe(0);
    const outcome = JSON.parse(started.stdout);
    expect(outcome).toMatchObject({ action: 'start', environment: 'CliA', by: 'ci-operator', failures: [] });
    expect(outcome.changes).toHaveLength(3);
    const throttled = await lambda.send(new InvokeCommand({ FunctionName: fx.worker })).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(TooManyRequestsException);

    const status = await cli(['recovery-mode', 'status', '--environment', 'CliA']);
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/CliA is in recovery mode since .*, by ci-operator/);
    expect(status.stderr).toMatch(/function CliA-Worker: held, reserved concurrency 0 \(before: 25\)/);
    expect(status.stderr).toMatch(/function CliA-Api: held, reserved concurrency 0 \(before: none\)/);

    const again = await cli(['recovery-mode', 'start', '--environment', 'CliA']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/was already in recovery mode .* its saved state is kept/);
    expect(again.stderr).toMatch(/no change needed/);

    const ended = await cli(['recovery-mode', 'end', '--environment', 'CliA']);
    expect(ended.code).toBe(0);
    expect(ended.stderr).toMatch(/function CliA-Worker: reserved concurrency 0 -> 25/);
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('refuses to end an environment not in recovery mode (exit 2), changing nothing', async () => {
    await createMixedEnvironment(lambda, 'CliB');
    const before = await lambdaSettings(lambda);
    const ended = await cli(['recovery-mode', 'end', '--environment', 'CliB']);
    expect(ended.code).toBe(2);
    expect(ended.stderr).toMatch(/error: --environment "CliB" is not in recovery mode/);
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('on --dry-run prints the plan and changes nothing', async () => {
    await createMixedEnvironment(lambda, 'CliC');
    const before = await lambdaSettings(lambda);
    const planned = await cli(['recovery-mode', 'start', '--environment', 'CliC', '--dry-run']);
    expect(planned.code).toBe(0);
    expect(planned.stderr).toMatch(/Dry run: nothing was changed/);
    expect(planned.stderr).toMatch(/function CliC-Worker: reserved concurrency 25 -> 0/);
    expect(await lambdaSettings(lambda)).toEqual(before);
    expect((await cli(['recovery-mode', 'status', '--environment', 'CliC'])).stderr).toMatch(/not in recovery mode/);
  });

  it('for a production environment, refuses without a terminal or --yes, and proceeds with --yes', async () => {
    await createMixedEnvironment(lambda, 'CliD');
    const config = path.join(workDir, 'production.config.json');
    await writeFile(config, JSON.stringify({ environments: { CliD: { production: true } } }));
    const before = await lambdaSettings(lambda);
    const refused = await cli(['recovery-mode', 'start', '--environment', 'CliD', '--config', config]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"CliD" is a production environment and there is no terminal to confirm on.*--yes/);
    expect(await lambdaSettings(lambda)).toEqual(before);

    expect((await cli(['recovery-mode', 'start', '--environment', 'CliD', '--config', config, '--yes'])).code).toBe(0);
    expect((await cli(['recovery-mode', 'end', '--environment', 'CliD', '--config', config, '--yes'])).code).toBe(0);
    expect(await lambdaSettings(lambda)).toEqual(before);
  });

  it('lists a setting it could not give back (exit 1) and a re-run completes the rest', async () => {
    const fx = await createMixedEnvironment(lambda, 'CliE');
    expect((await cli(['recovery-mode', 'start', '--environment', 'CliE'])).code).toBe(0);
    // Someone reserves almost all of the account's 1,000 (100 must stay unreserved): the worker's 25 no longer fits.
    const reserved = Object.values(await lambdaSettings(lambda))
      .filter((v): v is number => typeof v === 'number')
      .reduce((a, b) => a + b, 0);
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: fx.restoreFn, ReservedConcurrentExecutions: 890 - reserved }),
    );
    const failed = await cli(['recovery-mode', 'end', '--environment', 'CliE']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /Failed:\n {2}function CliE-Worker: reserved concurrency 0 -> 25: InvalidParameterValueException: /,
    );
    expect(failed.stderr).toMatch(/Run `dynamo-dr recovery-mode end --environment CliE` again/);

    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: fx.restoreFn, ReservedConcurrentExecutions: 1 }),
    );
    const rerun = await cli(['recovery-mode', 'end', '--environment', 'CliE']);
    expect(rerun.code).toBe(0);
    expect((await lambdaSettings(lambda))[`function ${fx.worker}`]).toBe(25);
  });
});
