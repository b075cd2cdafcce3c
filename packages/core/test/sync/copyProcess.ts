import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SyncProgress, SyncResult } from '../../src/index.js';

const script = fileURLToPath(new URL('./fixtures/copyProcess.ts', import.meta.url));

export interface CopyProcessOutcome {
  /** The child's result when it finished; absent when it was killed. */
  readonly result?: SyncResult;
  readonly killed: boolean;
  readonly lastProgress?: SyncProgress;
  readonly stderr: string;
}

/**
 * Runs a copy in a child process (`node --import tsx`) and, when `killWhen`
 * says so on a progress report, kills it with SIGKILL: no handler runs, no
 * file is flushed — as close to a crash or a pulled plug as a test gets.
 */
export function runCopyProcess(
  args: Record<string, unknown>,
  killWhen?: (progress: SyncProgress) => boolean,
  env: NodeJS.ProcessEnv = {},
): Promise<CopyProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    let stderr = '';
    let result: SyncResult | undefined;
    let lastProgress: SyncProgress | undefined;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, newline)) as SyncProgress | { result: SyncResult };
        buffer = buffer.slice(newline + 1);
        if ('result' in line) result = line.result;
        else {
          lastProgress = line;
          if (!killed && killWhen?.(line)) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve({ result, killed, lastProgress, stderr }));
  });
}
