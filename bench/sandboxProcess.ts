import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '../scripts/sourceRun.js';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'cli', 'bin', 'dynamo-dr.js');

export interface SandboxProcess {
  readonly endpoint: string;
  readonly pid: number;
  /** PUT /_sandbox/faults/{table} on the sandbox's admin API (`undefined` clears). */
  setFaults(table: string, faults: Record<string, number> | undefined): Promise<void>;
  /** What the faults did to a table since they were set (GET /_sandbox/faults). */
  faultStats(table: string): Promise<Record<string, number> | undefined>;
  stop(): Promise<void>;
}

/**
 * `dynamo-dr sandbox --port 0` in its own process, so the engine under test
 * does not share an event loop with the sandbox's HTTP proxy.
 */
export function startSandboxProcess(): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, bin, 'sandbox', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /export AWS_ENDPOINT_URL=(\S+)/.exec(out);
      if (!match) return;
      const endpoint = match[1]!;
      resolve({
        endpoint,
        pid: child.pid!,
        async setFaults(table, faults) {
          const res = await fetch(`${endpoint}/_sandbox/faults/${encodeURIComponent(table)}`, {
            method: faults ? 'PUT' : 'DELETE',
            body: faults ? JSON.stringify(faults) : undefined,
          });
          if (!res.ok) throw new Error(`sandbox faults: ${res.status} ${await res.text()}`);
        },
        async faultStats(table) {
          const res = await fetch(`${endpoint}/_sandbox/faults`);
          const body = (await res.json()) as { tables: Record<string, { stats: Record<string, number> }> };
          return body.tables[table]?.stats;
        },
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.stderr.on('data', () => undefined);
    child.once('exit', (code) => reject(new Error(`sandbox exited with code ${code} before listening`)));
  });
}
