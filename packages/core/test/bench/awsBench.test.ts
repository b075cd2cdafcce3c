import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_NODE_ARGS } from '../../../../scripts/sourceRun.js';

// `npm run bench -- aws` runs on real DynamoDB; here it runs, through AWS_ENDPOINT_URL, against the sandbox with a
// few hundred items: what is checked is what it does to an account (the tables it makes, verifies and deletes,
// the opt-in, the refusals), not its figures, which mean nothing without AWS's latency.

const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../bench/aws.bench.ts');
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let resultsDir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  ddb = new DynamoDBClient(sandbox.clientConfig);
  resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-aws-bench-'));
});
afterAll(async () => {
  ddb?.destroy();
  await sandbox?.stop();
  fs.rmSync(resultsDir, { recursive: true, force: true });
});

function runBench(env: Record<string, string>) {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, BENCH], {
    env: {
      ...process.env,
      AWS_ENDPOINT_URL: sandbox.endpoint,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
      AWS_REGION: 'us-east-1',
      BENCH_RESULTS_DIR: resultsDir,
      DDR_BENCH_AWS_REGION: '',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

const tables = async () => (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];

describe('the AWS benchmark (npm run bench -- aws)', () => {
  it('runs only when asked: without DDR_BENCH_AWS_REGION it says how, and creates nothing', async () => {
    const run = await runBench({});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('skipped');
    expect(run.stdout).toContain('DDR_BENCH_AWS_REGION');
    expect(await tables()).toEqual([]);
    expect(fs.readdirSync(resultsDir)).toEqual([]);
  });

  it.each([
    [{ DDR_BENCH_AWS_REGION: 'Europe' }, 'DDR_BENCH_AWS_REGION is not a Region name: "Europe"'],
    [
      { DDR_BENCH_AWS_REGION: 'us-east-1', DDR_BENCH_AWS_PREFIX: 'a/b' },
      'DDR_BENCH_AWS_PREFIX is not a table-name prefix: "a/b"',
    ],
    [
      { DDR_BENCH_AWS_REGION: 'us-east-1', AWS_BENCH_ITEMS: '1e9' },
      'AWS_BENCH_ITEMS must be a whole number from 100 to 10000000: "1e9"',
    ],
    [
      { DDR_BENCH_AWS_REGION: 'us-east-1', DDR_BENCH_AWS_WARM_WRITES: '4000' },
      'DDR_BENCH_AWS_WARM_WRITES must be a whole number from 4001 to 40000 write units a second: "4000"',
    ],
  ])('refuses %o naming the variable and its value, and creates nothing', async (env, message) => {
    const run = await runBench(env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('nothing was created');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await tables()).toEqual([]);
  });

  it('copies, syncs and resets with each tool into tables of its own, checks each ends equal to the source, and deletes them all', async () => {
    const run = await runBench({
      DDR_BENCH_AWS_REGION: 'us-east-1',
      DDR_BENCH_AWS_PREFIX: 'aws-bench-t',
      AWS_BENCH_ITEMS: '300',
    });
    expect(run.stderr).not.toContain('failed');
    expect(run.code).toBe(0);
    // The price is said before anything is spent.
    expect(run.stdout.indexOf('write request units')).toBeLessThan(run.stdout.indexOf('copy-dynamodb-table'));
    expect(run.stdout).toMatch(/copy-dynamodb-table.*copyTable [\d.]+x faster.*>= 10x: (met|MISSED)/);
    const results = JSON.parse(fs.readFileSync(path.join(resultsDir, 'aws.json'), 'utf8'));
    expect(results.copyTable.verified.count).toBe(300);
    expect(results.copyDynamodbTable.complete).toBe(true);
    expect(results.reset.complete).toBe(true);
    expect(results.seedReset.complete).toBe(true);
    expect(results.deltaSync.counts).toMatchObject({ written: 2, deleted: 1 });
    expect(results.tablesDeleted.sort()).toEqual([
      'aws-bench-t-copy',
      'aws-bench-t-peer',
      'aws-bench-t-raw',
      'aws-bench-t-source',
    ]);
    expect(await tables()).toEqual([]);
  });
});
