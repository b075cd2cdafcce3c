import fs from 'node:fs';

/**
 * Every successful write of one table instance, in applied order, with the
 * millisecond it was acknowledged. Kept compact: the key and the item's JSON
 * as strings (an item is never parsed again until it is restored).
 *
 * Entries are appended in non-decreasing time order (the store's clock is
 * monotonic), so the state at time T is a replay of a prefix found by binary
 * search. Entries older than anything a restore may still target are folded
 * into a base state ({@link trimBefore}); entry counts (a backup's cut, the
 * length) keep counting from the first write ever.
 */
export class WriteJournal {
  private readonly times: number[] = [];
  private readonly keys: string[] = [];
  private readonly items: (string | null)[] = [];
  /** The table's current content: key → item JSON. */
  readonly current = new Map<string, string>();
  /** What the trimmed entries left: the state before the first entry kept. */
  private base = new Map<string, string>();
  /** How many entries were trimmed off the front. */
  private trimmed = 0;
  /** Bytes the journal takes in its file format. */
  private journalBytes = 0;

  constructor(private readonly sink?: fs.WriteStream) {}

  /** Records a write: `item` is the after-image's JSON, or null for a delete. */
  append(time: number, key: string, item: string | null): void {
    this.apply(time, key, item);
    const line = `${time}\t${key}\t${item ?? ''}\n`;
    this.journalBytes += Buffer.byteLength(line);
    this.sink?.write(line);
  }

  /** Every write ever appended, trimmed ones included. */
  get length(): number {
    return this.trimmed + this.times.length;
  }

  /** Entries held in memory (the writes since the last trim). */
  get keptEntries(): number {
    return this.times.length;
  }

  /** The time of the oldest entry kept; undefined when none is. */
  get oldestMs(): number | undefined {
    return this.times[0];
  }

  get itemCount(): number {
    return this.current.size;
  }

  get bytes(): number {
    return this.journalBytes;
  }

  /**
   * The items (as JSON) the table held at `time` (ms), i.e. after every write acknowledged at or before it; for a
   * time before the oldest entry kept, what the trimmed entries left.
   */
  stateAt(time: number): Map<string, string> {
    return this.stateAfter(this.trimmed + this.countUpTo(time));
  }

  /**
   * Folds the entries acknowledged before `cutoffMs` into the base state, but none from entry `keepFrom` on (a
   * count of all writes ever, as {@link length}): what no restore can target any more is not kept, as AWS keeps
   * no PITR history past the retention period. Returns how many entries it trimmed. The journal file, if any,
   * is not rewritten: after {@link load}, the next trim folds again what the file replayed.
   */
  trimBefore(cutoffMs: number, keepFrom = Infinity): number {
    const count = Math.min(this.countUpTo(cutoffMs - 1), Math.max(0, keepFrom - this.trimmed));
    if (count === 0) return 0;
    for (let i = 0; i < count; i++) {
      const item = this.items[i];
      if (item === null || item === undefined) this.base.delete(this.keys[i] as string);
      else this.base.set(this.keys[i] as string, item);
    }
    this.times.splice(0, count);
    this.keys.splice(0, count);
    this.items.splice(0, count);
    this.trimmed += count;
    return count;
  }

  /**
   * The items (as JSON) the table held after its first `count` writes (a backup's exact cut). A count inside the
   * trimmed entries is a caller's bug: trimming never passes a cut still wanted.
   */
  stateAfter(count: number): Map<string, string> {
    if (count < this.trimmed) throw new Error(`journal entry ${count} was trimmed (${this.trimmed} are)`);
    const end = Math.min(count - this.trimmed, this.times.length);
    if (end === this.times.length) return new Map(this.current);
    const state = new Map(this.base);
    for (let i = 0; i < end; i++) {
      const item = this.items[i];
      if (item === null || item === undefined) state.delete(this.keys[i] as string);
      else state.set(this.keys[i] as string, item);
    }
    return state;
  }

  /**
   * The keys written after `fromMs` and at or before `toMs` (the period an
   * incremental export covers), each with the time of its last write in it.
   */
  writesBetween(fromMs: number, toMs: number): Map<string, number> {
    const writes = new Map<string, number>();
    for (let i = this.countUpTo(fromMs), end = this.countUpTo(toMs); i < end; i++) {
      writes.set(this.keys[i] as string, this.times[i] as number);
    }
    return writes;
  }

  /** Flushes the file (if any) and closes it. */
  close(): Promise<void> {
    const sink = this.sink;
    if (!sink || sink.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      sink.once('error', reject);
      sink.end(() => resolve());
    });
  }

  /**
   * Rebuilds a journal from its file, then keeps appending to it. A torn last
   * line (the process died mid-write) is the only incomplete one: it is cut off.
   */
  static load(file: string): WriteJournal {
    const data = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    const complete = data.lastIndexOf(0x0a) + 1;
    if (complete < data.length) fs.truncateSync(file, complete);
    const journal = new WriteJournal(fs.createWriteStream(file, { flags: 'a' }));
    const text = data.subarray(0, complete).toString('utf8');
    journal.journalBytes = complete;
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      const tab1 = text.indexOf('\t', start);
      const tab2 = text.indexOf('\t', tab1 + 1);
      const item = text.slice(tab2 + 1, end);
      journal.apply(Number(text.slice(start, tab1)), text.slice(tab1 + 1, tab2), item === '' ? null : item);
      start = end + 1;
    }
    return journal;
  }

  private apply(time: number, key: string, item: string | null): void {
    this.times.push(time);
    this.keys.push(key);
    this.items.push(item);
    if (item === null) this.current.delete(key);
    else this.current.set(key, item);
  }

  /** How many entries have a time ≤ `time`. */
  private countUpTo(time: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
