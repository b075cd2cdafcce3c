import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { cliArgv } from './cliArgv.js';

it('`dynamo-dr demo` restores both sample tables to exactly T, in well under a minute, and reports the RTO', () => {
  const started = Date.now();
  const result = spawnSync(process.execPath, cliArgv('demo', '--json'), {
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  expect(result.status, result.stderr).toBe(0);
  expect(Date.now() - started).toBeLessThan(60_000);
  const summary = JSON.parse(result.stdout);
  expect(summary.result).toBe('succeeded');
  expect(summary.identicalToT).toEqual([
    { table: 'Demo-ProviderTable', equalToT: true },
    { table: 'Demo-TransactionHistoryTable', equalToT: true },
  ]);
  for (const table of ['Demo-ProviderTable', 'Demo-TransactionHistoryTable']) {
    expect(summary.rto[table].total).toBeGreaterThan(0);
    expect(summary.tables[table].counts.delta).toMatchObject({ written: 40, deleted: 20 });
  }
});
