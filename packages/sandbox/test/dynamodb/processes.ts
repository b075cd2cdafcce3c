import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '../../../../scripts/sourceRun.js';
import type { SandboxOptions } from '../../src/index.js';

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

/** The live processes carrying `mark` in their environment (children inherit it), from the kernel (Linux). */
export function marked(mark: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      const state = /^State:\s+(\w)/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (environ.includes(`DDR_TEST_MARK=${mark}\0`) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Kills the sandbox as `kill -9` does and waits until its dynalite children have followed it. */
export async function killChildSandbox(sandbox: ChildSandbox): Promise<void> {
  sandbox.child.kill('SIGKILL');
  const deadline = Date.now() + 10_000;
  while (marked(sandbox.mark).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`processes outlived the killed sandbox: ${marked(sandbox.mark).join(' ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
