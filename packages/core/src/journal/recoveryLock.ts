import { hostname } from 'node:os';
import { InputError } from '../errors.js';
import type { RecoveryLock, RunJournal } from './runJournal.js';

/** Whether a process on this host still runs (signal 0 only checks). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the recovery lock of a table for `lock`'s execution. The same
 * execution holds it already; the same incident takes over a lock whose
 * process on this host is gone (a killed run being resumed). Anything else is
 * a concurrent recovery and refused with how to clear a stale lock.
 *
 * @example
 * await acquireRecoveryLock(journal, { tableName, incidentId, executionId, startedBy, host: hostname(), pid: process.pid, acquiredAt });
 */
export async function acquireRecoveryLock(journal: RunJournal, lock: RecoveryLock, field = 'tableName'): Promise<void> {
  for (;;) {
    const holder = await journal.tryLock(lock);
    if (!holder || holder.executionId === lock.executionId) return;
    if (!resumableBy(holder, lock.incidentId)) throw lockedError(holder, field);
    await journal.unlock(holder.tableName, holder.incidentId);
  }
}

/**
 * Refuses, without taking anything, when another recovery holds the table's
 * lock (validation, before anything changes; {@link acquireRecoveryLock} is
 * the atomic guard).
 */
export async function assertNotLocked(
  journal: RunJournal,
  tableName: string,
  incidentId: string,
  field = 'tableName',
): Promise<void> {
  const holder = await journal.readLock(tableName);
  if (holder && !resumableBy(holder, incidentId)) throw lockedError(holder, field);
}

/** A lock left by a killed process of the same incident on this host may be taken over. */
function resumableBy(holder: RecoveryLock, incidentId: string): boolean {
  return holder.incidentId === incidentId && holder.host === hostname() && !processAlive(holder.pid);
}

function lockedError(holder: RecoveryLock, field: string): InputError {
  return new InputError(
    field,
    holder.tableName,
    `is being recovered by incident ${holder.incidentId} (started by ${holder.startedBy} on ${holder.host}, pid ${holder.pid}, at ${holder.acquiredAt})`,
    `Wait for that recovery to end, or resume it with the same incident id. If it is certainly not running any more, clear the lock with: dynamo-dr runs unlock --table ${holder.tableName}`,
  );
}
