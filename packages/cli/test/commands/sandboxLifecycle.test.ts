import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { marked, untilGone } from '../../../sandbox/test/childProcesses.js';
import { cliArgv } from '../cliArgv.js';

/** The sandbox's dynalite child among the processes carrying `mark` (the node process running dynalite's server). */
function dynaliteOf(mark: string): number | undefined {
  return marked(mark).find((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Dynalite listening');
    } catch {
      return false;
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const marks: string[] = [];
afterEach(() => {
  // Whatever a failed test left running is ended here, by pid, so that it cannot outlive the suite.
  for (const mark of marks.splice(0)) for (const pid of marked(mark)) process.kill(pid, 'SIGKILL');
});

/** Starts `dynamo-dr sandbox ARGS` with a mark in its environment. */
function runSandbox(args: string[]) {
  const mark = randomUUID();
  marks.push(mark);
  const child = spawn(process.execPath, cliArgv('sandbox', ...args), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DDR_TEST_MARK: mark },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  /** Resolves once the sandbox prints its environment (it listens then), or rejects if it exits first. */
  const listening = async () => {
    let gone = false;
    void exited.then(() => (gone = true));
    while (!stdout.includes('export AWS_SECRET_ACCESS_KEY=')) {
      if (gone) throw new Error(`the sandbox exited: ${stderr}`);
      await sleep(50);
    }
  };
  /** The exit, or `undefined` if the sandbox is still running after `ms`. */
  const exit = (ms: number) => Promise.race([exited, sleep(ms).then(() => undefined)]);
  return { child, mark, listening, exit, output: () => ({ stdout, stderr }) };
}

describe('an option it cannot start with: exit 2, one line naming the flag, the value and the fix, nothing left running', () => {
  it('--port in use', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const run = runSandbox(['--port', String(port)]);
      expect(await run.exit(20_000)).toEqual({ code: 2, signal: null });
      expect(run.output().stderr).toBe(
        `error: --port "${port}" is in use by another process. Stop what listens on 127.0.0.1:${port}, or give another port (0 takes any free one).\n`,
      );
      expect(run.output().stdout).toBe('');
      expect(marked(run.mark)).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it('--data-dir naming an existing file, which is left as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-sandbox-cli-'));
    const file = path.join(dir, 'state');
    fs.writeFileSync(file, 'keep me');
    try {
      const run = runSandbox(['--port', '0', '--data-dir', file]);
      expect(await run.exit(20_000)).toEqual({ code: 2, signal: null });
      expect(run.output().stderr).toBe(
        `error: --data-dir "${file}" is a file, not a directory. Give the path of a directory (it is created if missing).\n`,
      );
      expect(marked(run.mark)).toEqual([]);
      expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
      expect(fs.readdirSync(dir)).toEqual(['state']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('its dynalite child never outlives it', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stopped by %s: it exits 0 and so does the child', async (signal) => {
    const run = runSandbox(['--port', '0']);
    await run.listening();
    expect(dynaliteOf(run.mark)).toBeDefined();
    run.child.kill(signal);
    expect(await run.exit(20_000)).toEqual({ code: 0, signal: null });
    expect(await untilGone(run.mark, 10_000)).toEqual([]);
    // What it printed to export includes AWS_DEFAULT_REGION: the AWS CLI v1 and boto3 read no other.
    const exported = Object.fromEntries(
      [...run.output().stdout.matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value]),
    );
    expect(exported).toMatchObject({ AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' });
    expect(exported.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('killed with SIGKILL (no chance to stop it): the child exits by itself', async () => {
    const run = runSandbox(['--port', '0']);
    await run.listening();
    expect(dynaliteOf(run.mark)).toBeDefined();
    run.child.kill('SIGKILL');
    expect(await run.exit(20_000)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await untilGone(run.mark, 10_000)).toEqual([]);
  });
});

it('stops, exit 1 with the reason, when its dynalite child dies: it does not go on answering every request with an error', async () => {
  const run = runSandbox(['--port', '0']);
  await run.listening();
  process.kill(dynaliteOf(run.mark) as number, 'SIGKILL');
  expect(await run.exit(20_000)).toEqual({ code: 1, signal: null });
  expect(run.output().stderr).toContain(
    'error: The sandbox stopped because its DynamoDB engine failed (dynalite was killed by SIGKILL).\nhint: Start the sandbox again',
  );
  expect(marked(run.mark)).toEqual([]);
});
