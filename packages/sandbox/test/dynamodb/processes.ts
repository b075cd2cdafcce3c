import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '../../../../scripts/sourceRun.js';
import type { SandboxOptions } from '../../src/index.js';
import { untilGone } from '../childProcesses.js';

/** A sandbox in a child process (sandboxChild.ts), and every process it started carrying `mark` in its environment. */
export interface ChildSandbox {
  readonly endpoint: string;
  readonly child: ChildProcess;
  readonly mark: string;
}

export function startChildSandbox(options: SandboxOptions): Promise<ChildSandbox> {
  const mark = randomUUID();
  const script = fileURLToPath(new URL('./sandboxChild.ts', import.meta.url));
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, script, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DDR_TEST_MARK: mark },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const endpoint = /endpoint (\S+)/.exec(out)?.[1];
      if (endpoint) resolve({ endpoint, child, mark });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox child exited with code ${code} before serving`)));
  });
}

/** Kills the sandbox as `kill -9` does and waits until its dynalite children have followed it. */
export async function killChildSandbox(sandbox: ChildSandbox): Promise<void> {
  const { child } = sandbox;
  // Reaped (its exit seen), so that its pid in the data directory's lock no longer stands for a live process.
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  const left = await untilGone(sandbox.mark, 10_000);
  if (left.length) throw new Error(`processes outlived the killed sandbox: ${left.join(' ')}`);
}
