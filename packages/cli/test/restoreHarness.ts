import { spawn, type ChildProcess } from 'node:child_process';
import type { Sandbox } from '@dynamo-dr/sandbox';
import { cliArgv } from './cliArgv.js';

/** What a finished CLI process left. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `dynamo-dr <args>` as a separate process pointed at the sandbox, in `cwd`, with no terminal. */
export function startCli(
  sandbox: Sandbox,
  cwd: string,
  args: readonly string[],
): { child: ChildProcess; done: Promise<CliResult> } {
  return startCliWith({ ...process.env, ...sandbox.env }, cwd, args);
}

/** Starts `dynamo-dr <args>` with exactly the environment `env`, in `cwd`, with no terminal. */
export function startCliWith(
  env: NodeJS.ProcessEnv,
  cwd: string,
  args: readonly string[],
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, cliArgv(...args), {
    cwd,
    env: { ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `dynamo-dr <args>` to its end. */
export function runCli(sandbox: Sandbox, cwd: string, args: readonly string[]): Promise<CliResult> {
  return startCli(sandbox, cwd, args).done;
}

/** Runs `dynamo-dr <args>` with exactly the environment `env` to its end. */
export function runCliWith(env: NodeJS.ProcessEnv, cwd: string, args: readonly string[]): Promise<CliResult> {
  return startCliWith(env, cwd, args).done;
}

/** The sandbox's environment with the credentials of a role session instead of the operator's. */
export function roleSessionEnv(
  sandbox: Sandbox,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...sandbox.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
}
