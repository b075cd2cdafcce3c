import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestTable } from '../../src/index.js';
import { runCopyProcess } from './copyProcess.js';
import { createTable, putItems, sandboxClient, simpleItems } from './sandboxTables.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

describe('a copy killed with kill -9 resumes with the same run id', () => {
  it('killed at the start, mid-copy and during verification, it ends with the exact digest', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    await putItems(source, simpleItems(1200, true));
    const args = {
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      source: source.tableName,
      destination: destination.tableName,
      directory: await mkdtemp(path.join(tmpdir(), 'dr-resume-')),
      runId: 'incident-7',
      segments: 4,
      // Slow enough that each kill lands where it is aimed; the read cap keeps the verification (a read of
      // both tables) long enough on a fast, idle machine for the kill to land before it ends.
      maxWriteUnitsPerSecond: 1500,
      maxReadUnitsPerSecond: 20,
    };

    const early = await runCopyProcess(args, (p) => p.written > 0);
    const middle = await runCopyProcess(args, (p) => p.written >= 400);
    const verifying = await runCopyProcess(args, (p) => p.phase === 'verify');
    expect([early.killed, middle.killed, verifying.killed]).toEqual([true, true, true]);
    expect(early.result ?? middle.result ?? verifying.result).toBeUndefined();

    const finished = await runCopyProcess(args);
    expect(finished.stderr).not.toMatch(/Error/);
    const expected = await digestTable(source);
    expect(finished.result?.destination).toEqual(expected);
    expect(await digestTable(destination)).toEqual(expected);
    // Each kill loses at most the page in flight per segment (3 kills x 4 segments x 100 items): bounded rework.
    expect(finished.result?.counts.written).toBeGreaterThanOrEqual(1200);
    expect(finished.result?.counts.written).toBeLessThanOrEqual(1200 + 3 * 4 * 100);
  });

  it('for a sensitive table, checkpoints hold no key value in plain text and still resume', async () => {
    const client = sandboxClient(sandbox);
    const source = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    const destination = await createTable(client, { partitionKey: ['pk', 'S'], sortKey: ['sk', 'S'] });
    await putItems(source, simpleItems(800, true));
    const directory = await mkdtemp(path.join(tmpdir(), 'dr-sensitive-'));
    const args = {
      endpoint: sandbox.endpoint,
      region: sandbox.region,
      source: source.tableName,
      destination: destination.tableName,
      directory,
      runId: 'incident-8',
      segments: 2,
      maxWriteUnitsPerSecond: 1000,
      sensitive: true,
    };
    const key = { DYNAMO_DR_CHECKPOINT_KEY: Buffer.alloc(32, 7).toString('base64') };

    const killed = await runCopyProcess(args, (p) => p.written >= 200, key);
    expect(killed.killed).toBe(true);
    const files = await readdir(path.join(directory, 'incident-8'));
    const stored = await Promise.all(files.map((f) => readFile(path.join(directory, 'incident-8', f), 'utf8')));
    expect(stored.join('')).toMatch(/aes-256-gcm:/);
    expect(stored.join('')).not.toMatch(/user#|order#/);

    const withoutKey = await runCopyProcess(args, undefined, { DYNAMO_DR_CHECKPOINT_KEY: '' });
    expect(withoutKey.result).toBeUndefined();
    expect(withoutKey.stderr).toMatch(/DYNAMO_DR_CHECKPOINT_KEY/);

    const finished = await runCopyProcess(args, undefined, key);
    expect(finished.result?.destination).toEqual(await digestTable(source));
  });
});
