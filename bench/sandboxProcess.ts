import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
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
  /** PUT /_sandbox/latency: the delay of every DynamoDB request, per operation class (`undefined` clears). */
  setLatency(latency: Record<string, { fixedMs: number; jitterMs?: number }> | undefined): Promise<void>;
  /** CPU seconds the sandbox (its proxy and its dynalite child) has used so far. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * `dynamo-dr sandbox --port 0` in its own process, so the engine under test
 * does not share an event loop with the sandbox's HTTP proxy. `flags` are more of the command's flags
 * (e.g. `--min-incremental-export-period-ms 1000`).
 */
export function startSandboxProcess(flags: readonly string[] = []): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, bin, 'sandbox', '--port', '0', ...flags], {
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
        async setLatency(latency) {
          const res = await fetch(`${endpoint}/_sandbox/latency`, {
            method: latency ? 'PUT' : 'DELETE',
            body: latency ? JSON.stringify(latency) : undefined,
          });
          if (!res.ok) throw new Error(`sandbox latency: ${res.status} ${await res.text()}`);
        },
        cpuSeconds: () => processTreeCpuSeconds(child.pid!),
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

/**
 * User + system CPU seconds of a process and all its descendants, from /proc (Linux; the benchmark machines are).
 * Fields 14 and 15 of /proc/PID/stat are utime and stime in clock ticks, 100 a second on Linux
 * (https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html); field 4 is the parent's pid.
 */
async function processTreeCpuSeconds(root: number): Promise<number> {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const text = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => undefined);
    if (!text) continue;
    // The command name (field 2) is in parentheses and may hold spaces: fields are counted after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    stats.set(Number(name), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
  }
  const inTree = (pid: number): boolean => pid === root || (pid > 1 && inTree(stats.get(pid)?.parent ?? 0));
  let ticks = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
  return ticks / 100;
}
