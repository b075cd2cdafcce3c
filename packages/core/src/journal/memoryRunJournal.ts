import type { JournaledRun, RecoveryLock, RunJournal } from './runJournal.js';

/**
 * A {@link RunJournal} in memory, gone with the process: for work that must
 * leave no record, such as a dry run that restores a temporary table only to
 * count what a real run would write.
 *
 * @example
 * const journal = new MemoryRunJournal();
 */
export class MemoryRunJournal implements RunJournal {
  private readonly runs = new Map<string, JournaledRun>();
  private readonly locks = new Map<string, RecoveryLock>();

  async getRun(incidentId: string): Promise<JournaledRun | undefined> {
    return this.runs.get(incidentId);
  }

  async listRuns(): Promise<JournaledRun[]> {
    return [...this.runs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async updateRun<R extends JournaledRun>(
    incidentId: string,
    change: (current: JournaledRun | undefined) => R,
  ): Promise<R> {
    const updated = change(this.runs.get(incidentId));
    this.runs.set(incidentId, updated);
    return updated;
  }

  async tryLock(lock: RecoveryLock): Promise<RecoveryLock | undefined> {
    const holder = this.locks.get(lock.tableName);
    if (holder) return holder;
    this.locks.set(lock.tableName, lock);
    return undefined;
  }

  async readLock(tableName: string): Promise<RecoveryLock | undefined> {
    return this.locks.get(tableName);
  }

  async unlock(tableName: string, incidentId?: string): Promise<void> {
    const holder = this.locks.get(tableName);
    if (holder && (incidentId === undefined || holder.incidentId === incidentId)) this.locks.delete(tableName);
  }

  async listLocks(): Promise<RecoveryLock[]> {
    return [...this.locks.values()];
  }
}
