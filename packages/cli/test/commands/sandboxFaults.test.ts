import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { InputError } from '@dynamo-dr/core/errors';
import { faultsFromFlags } from '../../src/commands/sandbox/index.js';
import { cliArgv } from '../cliArgv.js';

/** Runs `dynamo-dr sandbox ARGS`; resolves once it exits, or once it listens (then `stop` ends it). */
function runSandbox(args: string[]) {
  const child = spawn(process.execPath, cliArgv('sandbox', ...args), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  return new Promise<{ code: number | null; stderr: string; endpoint?: string; stop: () => Promise<void> }>(
    (resolve) => {
      const stop = () =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const endpoint = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (endpoint) resolve({ code: null, stderr, endpoint, stop });
      });
      child.once('exit', (code) => resolve({ code, stderr, stop: () => Promise.resolve() }));
    },
  );
}

it('rejects a bad fault flag with exit code 2, naming the flag, the value and the fix', async () => {
  const run = await runSandbox(['--port', '0', '--throttle', 'orders=1.5']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    'error: --throttle "orders=1.5" is not a share from 0 to 1 (e.g. 0.3 throttles 30% of requests). Give e.g. --throttle orders=0.3.',
  );
  const malformed = await runSandbox(['--port', '0', '--write-capacity', 'orders']);
  expect(malformed.code).toBe(2);
  expect(malformed.stderr).toContain('error: --write-capacity "orders" is not TABLE=VALUE.');
});

it.each([
  ['orders=shuffle', 'is not TABLE=drop or TABLE=alter[:KEY]'],
  ['orders=drop:{"pk":', 'has a KEY that is not JSON'],
  ['orders=drop:{"pk":"canary#1"}', 'is not {"action": "drop" or "alter"'],
])('refuses --corrupt-restore %s, naming the value and the fix', (raw, problem) => {
  const refusal = (() => {
    try {
      return faultsFromFlags({ port: '0', corruptRestore: [raw] });
    } catch (error) {
      return error;
    }
  })();
  expect(refusal).toBeInstanceOf(InputError);
  expect((refusal as InputError).message).toContain(`--corrupt-restore ${JSON.stringify(raw)} ${problem}`);
  expect((refusal as InputError).message).toMatch(/--corrupt-restore 'orders=drop:\{"pk":\{"S":"canary#1"\}\}'/);
});

it('starts a sandbox with the faults its flags give, visible on the admin endpoint', async () => {
  const run = await runSandbox([
    '--port',
    '0',
    '--throttle',
    'orders=0.25',
    '--write-capacity',
    'orders=100',
    '--read-capacity',
    'events=40',
    '--corrupt-restore',
    'orders=alter:{"pk":{"S":"canary#1"}}',
    '--corrupt-restore',
    'ledger=drop',
  ]);
  try {
    expect(run.endpoint).toBeDefined();
    const listed = (await (await fetch(`${run.endpoint}/_sandbox/faults`)).json()) as {
      tables: Record<string, { faults: unknown }>;
    };
    expect(listed.tables.orders?.faults).toEqual({
      throttleRate: 0.25,
      writeUnitsPerSecond: 100,
      corruptRestore: { action: 'alter', key: { pk: { S: 'canary#1' } } },
    });
    expect(listed.tables.ledger?.faults).toEqual({ corruptRestore: { action: 'drop' } });
    expect(listed.tables.events?.faults).toEqual({ readUnitsPerSecond: 40 });
  } finally {
    await run.stop();
  }
});

it('starts a sandbox with the latency its --latency flags give: for every request, and a table of its own', async () => {
  const run = await runSandbox(['--port', '0', '--latency', '5-10ms', '--latency', 'orders=write:20ms']);
  try {
    expect(run.endpoint).toBeDefined();
    const global = (await (await fetch(`${run.endpoint}/_sandbox/latency`)).json()) as { latency: unknown };
    expect(global.latency).toMatchObject({ read: { fixedMs: 5, jitterMs: 5 }, control: { fixedMs: 5, jitterMs: 5 } });
    const listed = (await (await fetch(`${run.endpoint}/_sandbox/faults`)).json()) as {
      tables: Record<string, { faults: unknown }>;
    };
    expect(listed.tables.orders?.faults).toEqual({ latency: { write: { fixedMs: 20, jitterMs: 0 } } });
  } finally {
    await run.stop();
  }
  const bad = await runSandbox(['--port', '0', '--latency', 'orders=slow']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('error: --latency "orders=slow" is not a delay.');
});
