import fs from 'node:fs';
import path from 'node:path';
import type { DynaliteClient } from '../../dynaliteClient.js';
import { oldestRestorableMs } from '../restorableWindow.js';
import { KeyLock } from './keyLock.js';
import type { TableDefinition } from './tableDefinition.js';
import type { TableInstance } from './tableInstance.js';
import { WriteJournal } from './writeJournal.js';

/** How long the sandbox's slow state changes take (see docs/sandbox.md). */
export interface DynamoTimings {
  /** How far LatestRestorableDateTime trails now (AWS: typically ~5 minutes). */
  readonly latestRestorableLagMs: number;
  /** How long every restored table stays CREATING at least. */
  readonly restoreBaseMs: number;
  /** Extra CREATING time per restored item, so that restore time grows with size as on AWS. */
  readonly restorePerItemMs: number;
  /** How long a new on-demand backup stays CREATING. */
  readonly backupCreateMs: number;
  /** How long an export to S3 stays IN_PROGRESS. */
  readonly exportMs: number;
  /** The shortest incremental export period allowed (AWS: 15 minutes). */
  readonly minIncrementalExportPeriodMs: number;
  /** How long one day of a PITR recovery period (RecoveryPeriodInDays) lasts (86400000 on AWS). */
  readonly pitrDayMs: number;
}

/** An on-demand backup: a point in one table instance's journal plus the table definition at that time. */
export interface BackupRecord {
  readonly id: string;
  readonly name: string;
  readonly tableName: string;
  readonly instanceId: string;
  readonly tableCreatedMs: number;
  readonly createdMs: number;
  readonly availableMs: number;
  /** How many journal entries of the instance the backup holds (the state when CreateBackup was called). */
  readonly journalEntries: number;
  readonly itemCount: number;
  readonly sizeBytes: number;
  readonly definition: TableDefinition;
  /**
   * Set once the backup keeps its items on its own (`backups/<id>.items`, or in memory): its cut was folded out of
   * the journal, or its table was deleted. Until then its items are the journal's state after `journalEntries`.
   */
  materialized?: boolean;
}

/** How often (in journaled writes) a table's journal is checked for entries to fold. */
const FOLD_CHECK_EVERY = 256;

interface PersistedState {
  readonly instances: TableInstance[];
  readonly backups: BackupRecord[];
}

/**
 * The sandbox's DynamoDB state beyond dynalite's: table instances and their
 * settings, write journals and backups. With a directory, all of it persists
 * (`state.json` rewritten on every metadata change, one append-only journal
 * file per table instance).
 */
export class DynamoStore {
  readonly locks = new KeyLock();
  private readonly instances = new Map<string, TableInstance>();
  private readonly liveByName = new Map<string, string>();
  private readonly journals = new Map<string, WriteJournal>();
  private readonly backupsById = new Map<string, BackupRecord>();
  /** Materialized backups' items, in memory (without a directory). */
  private readonly backupSnapshots = new Map<string, Map<string, string>>();
  /** Instances that may still be CREATING (restored tables), pruned as they turn ACTIVE. */
  private readonly restoring = new Set<string>();
  /** Adoptions in flight by table name (see adoptTable), so a table is adopted once. */
  readonly adopting = new Map<string, Promise<TableInstance | undefined>>();
  private lastTime = 0;
  /** Set by {@link close}: background work (restores loading items) stops quietly. */
  closed = false;

  private constructor(
    readonly dynalite: DynaliteClient,
    readonly timings: DynamoTimings,
    private readonly dir: string | undefined,
  ) {}

  /** Opens the store, loading what `dir` holds (in memory when `dir` is undefined). */
  static open(dynalite: DynaliteClient, timings: DynamoTimings, dir?: string): DynamoStore {
    const store = new DynamoStore(dynalite, timings, dir);
    if (!dir) return store;
    fs.mkdirSync(path.join(dir, 'journal'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'backups'), { recursive: true });
    const file = path.join(dir, 'state.json');
    if (!fs.existsSync(file)) return store;
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as PersistedState;
    for (const instance of state.instances) {
      store.instances.set(instance.id, instance);
      if (instance.deletedMs === undefined) store.liveByName.set(instance.name, instance.id);
      if (instance.restore) store.restoring.add(instance.id);
      store.journals.set(instance.id, WriteJournal.load(store.journalFile(instance.id) as string));
    }
    for (const backup of state.backups) store.backupsById.set(backup.id, backup);
    for (const instance of store.liveTables()) store.foldJournal(instance);
    return store;
  }

  /** Milliseconds since the epoch, never going backwards, so journals stay in time order. */
  now(): number {
    this.lastTime = Math.max(this.lastTime, Date.now());
    return this.lastTime;
  }

  /** The live (not deleted) instance of a table name. */
  table(name: string): TableInstance | undefined {
    const id = this.liveByName.get(name);
    return id === undefined ? undefined : this.instances.get(id);
  }

  instance(id: string): TableInstance | undefined {
    return this.instances.get(id);
  }

  liveTables(): TableInstance[] {
    return [...this.liveByName.values()].map((id) => this.instances.get(id) as TableInstance);
  }

  /** Starts tracking a new table instance (after dynalite created it) with an empty journal. */
  register(instance: TableInstance): void {
    this.instances.set(instance.id, instance);
    this.liveByName.set(instance.name, instance.id);
    if (instance.restore) this.restoring.add(instance.id);
    this.journals.set(instance.id, this.openJournal(instance.id));
    this.save();
  }

  /** Marks an instance deleted; its backups keep their items on their own, and its journal is dropped. */
  markDeleted(instance: TableInstance): void {
    instance.deletedMs = this.now();
    for (const backup of this.backupsById.values()) {
      if (backup.instanceId === instance.id && !backup.materialized) this.materialize(backup);
    }
    if (this.liveByName.get(instance.name) === instance.id) this.liveByName.delete(instance.name);
    this.dropUnreferenced(instance.id);
    this.save();
  }

  /** The journal of a table instance (kept after deletion while a backup refers to it). */
  journal(instance: Pick<TableInstance, 'id'>): WriteJournal {
    const journal = this.journals.get(instance.id);
    if (!journal) throw new Error(`no journal for table instance ${instance.id}`);
    return journal;
  }

  /** A restored table is CREATING until its items are in and its configured restore time has passed. */
  isCreating(instance: TableInstance): boolean {
    const restore = instance.restore;
    return restore !== undefined && (!restore.loaded || Date.now() < restore.readyMs);
  }

  /** Restores past their checks whose table dynalite is still creating. */
  restoresStarting = 0;

  /** How many restores are under way: starting, or CREATING (AWS allows 50 at a time). */
  restoresInProgress(): number {
    // Cheap when nothing is restoring: every item read asks.
    for (const id of this.restoring) {
      const instance = this.instances.get(id);
      if (!instance || instance.deletedMs !== undefined || !this.isCreating(instance)) this.restoring.delete(id);
    }
    return this.restoresStarting + this.restoring.size;
  }

  backups(): BackupRecord[] {
    return [...this.backupsById.values()].sort((a, b) => a.createdMs - b.createdMs || a.id.localeCompare(b.id));
  }

  backup(id: string): BackupRecord | undefined {
    return this.backupsById.get(id);
  }

  /** The items (as JSON) a backup holds: its table's state when CreateBackup was called. */
  backupItems(backup: BackupRecord): Map<string, string> {
    if (!backup.materialized) return this.journal({ id: backup.instanceId }).stateAfter(backup.journalEntries);
    const file = this.snapshotFile(backup.id);
    return file ? readSnapshot(file) : new Map(this.backupSnapshots.get(backup.id));
  }

  /** Call after each journaled write of a table: every so many writes, its journal is folded ({@link foldJournal}). */
  journaled(instance: TableInstance): void {
    if (this.journal(instance).length % FOLD_CHECK_EVERY === 0) this.foldJournal(instance);
  }

  /**
   * Folds the entries of a table's journal that nothing can ask for any more, as AWS keeps no more than the
   * recovery period: those before the restorable window's start (while PITR is on), or before now (while it is
   * off: no earlier time can be restored or exported). A backup whose cut is folded keeps its items on its own
   * first, so it restores exactly as before. Does nothing until folding is worth a rewrite (WriteJournal.foldable).
   */
  foldJournal(instance: TableInstance): void {
    const journal = this.journal(instance);
    const cutoffMs = oldestRestorableMs(instance, this.timings, this.now());
    const count = journal.foldable(cutoffMs);
    if (count === 0) return;
    const foldedAfter = journal.length - journal.keptEntries + count;
    let materialized = false;
    for (const backup of this.backupsById.values()) {
      if (backup.instanceId !== instance.id || backup.materialized || backup.journalEntries >= foldedAfter) continue;
      this.materialize(backup);
      materialized = true;
    }
    // The backups' own items are on record before the journal forgets their cuts (a kill between leaves both).
    if (materialized) this.save();
    journal.fold(count, cutoffMs);
  }

  addBackup(backup: BackupRecord): void {
    this.backupsById.set(backup.id, backup);
    this.save();
  }

  deleteBackup(backup: BackupRecord): void {
    this.backupsById.delete(backup.id);
    this.backupSnapshots.delete(backup.id);
    const snapshot = this.snapshotFile(backup.id);
    if (snapshot) fs.rmSync(snapshot, { force: true });
    this.dropUnreferenced(backup.instanceId);
    this.save();
  }

  /** Writes the metadata (atomically: temp file, then rename). Journals are appended as writes happen. */
  save(): void {
    if (!this.dir) return;
    const state: PersistedState = {
      instances: [...this.instances.values()],
      backups: [...this.backupsById.values()],
    };
    const file = path.join(this.dir, 'state.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  }

  /** Flushes every journal file. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.journals.values()].map((j) => j.close()));
  }

  private dropUnreferenced(instanceId: string): void {
    const instance = this.instances.get(instanceId);
    if (!instance || instance.deletedMs === undefined) return;
    if ([...this.backupsById.values()].some((b) => b.instanceId === instanceId && !b.materialized)) return;
    const journal = this.journals.get(instanceId);
    this.journals.delete(instanceId);
    this.instances.delete(instanceId);
    const file = this.journalFile(instanceId);
    if (journal && file) void journal.close().then(() => fs.rmSync(file, { force: true }));
  }

  /** Keeps a backup's items apart from its table's journal (a file written whole, then renamed into place). */
  private materialize(backup: BackupRecord): void {
    const items = this.journal({ id: backup.instanceId }).stateAfter(backup.journalEntries);
    const file = this.snapshotFile(backup.id);
    if (file) {
      const lines: string[] = [];
      for (const [key, item] of items) lines.push(`${key}\t${item}\n`);
      fs.writeFileSync(`${file}.tmp`, lines.join(''));
      fs.renameSync(`${file}.tmp`, file);
    } else {
      this.backupSnapshots.set(backup.id, items);
    }
    backup.materialized = true;
  }

  private snapshotFile(backupId: string): string | undefined {
    return this.dir ? path.join(this.dir, 'backups', `${backupId}.items`) : undefined;
  }

  private openJournal(id: string): WriteJournal {
    const file = this.journalFile(id);
    return file ? WriteJournal.load(file) : new WriteJournal();
  }

  private journalFile(id: string): string | undefined {
    return this.dir ? path.join(this.dir, 'journal', `${id}.log`) : undefined;
  }
}

/** A materialized backup's items: one `key<TAB>item` line each. */
function readSnapshot(file: string): Map<string, string> {
  const items = new Map<string, string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    items.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return items;
}
