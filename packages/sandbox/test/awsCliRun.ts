import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { Sandbox } from '../src/index.js';

// How tests run the real AWS CLI (and boto3) against a sandbox: with the environment a user has after exporting
// what the sandbox prints, and nothing of this machine's AWS configuration.

const run = promisify(execFile);

/** What a client program did: its exit code and output. */
export interface ClientRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client program; never throws, so a test can show its exit code and output. */
export async function runClient(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ClientRun> {
  try {
    const { stdout, stderr } = await run(file, args, { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (failed.code === 'ENOENT') {
      throw new Error(
        `${file} is not installed: install the AWS CLI and boto3 (.ci/run installs Debian's awscli and python3-boto3)`,
      );
    }
    return { code: Number(failed.code ?? 1), stdout: failed.stdout ?? '', stderr: failed.stderr ?? failed.message };
  }
}

/**
 * This machine's environment with every AWS_* setting replaced by the ones the sandbox prints, and the shared
 * config and credentials files pointed at files that do not exist: no profile of the machine's can supply a
 * region, an endpoint or credentials, so what works here works with the printed lines alone.
 */
export function printedEnvironment(sandbox: Sandbox): NodeJS.ProcessEnv {
  const own = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  const nowhere = path.join(os.tmpdir(), 'dynamo-dr-no-aws-config', 'absent');
  return {
    ...own,
    ...sandbox.env,
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_PAGER: '', // AWS CLI v2 pages its output otherwise
  };
}

/**
 * `aws ARGS` against the sandbox, with its printed environment and `--endpoint-url` (a CLI older than 1.29 / 2.13
 * reads no AWS_ENDPOINT_URL; test/clients/ shows that newer ones need nothing else). Never throws.
 */
export function awsCli(sandbox: Sandbox, ...args: string[]): Promise<ClientRun> {
  return runClient('aws', [...args, '--endpoint-url', sandbox.endpoint], printedEnvironment(sandbox));
}

/** `aws ARGS --output json`, parsed (undefined for no output); fails the test, with the CLI's words, unless it exits 0. */
export async function awsJson(sandbox: Sandbox, ...args: string[]): Promise<unknown> {
  const result = await awsCli(sandbox, ...args, '--output', 'json');
  expect(result.code, `aws ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
}
