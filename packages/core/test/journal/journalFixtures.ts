import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import type { RecoveryLock } from '../../src/journal/runJournal.js';

/** A lock of table Orders by incident inc-1, held by this process on this host. */
export const lock = (over: Partial<RecoveryLock> = {}): RecoveryLock => ({
  tableName: 'Orders',
  incidentId: 'inc-1',
  executionId: 'exec-1',
  startedBy: 'ops@host',
  host: hostname(),
  pid: process.pid,
  acquiredAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

/** The pid of a process that has exited. */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
}
