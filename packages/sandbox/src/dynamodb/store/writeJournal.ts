import fs from 'node:fs';

/** Folding pays (a rewrite of the file) once at least this many entries, and as many as it keeps, can go. */
const MIN_FOLDED_ENTRIES = 256;

/**
 * Every successful write of one table instance, in applied order, with the
 * millisecond it was acknowledged. Kept compact: the key and the item's JSON
 * as strings (an item is never parsed again until it is restored).
 *
 * Entries are appended in non-decreasing time order (the store's clock is
 * monotonic), so the state at time T is a replay of a prefix found by binary
 * search. Entries older than anything a restore may still ask for are folded
 * into a base state ({@link fold}): the journal then holds the state at
 * {@link oldestMs} and the entries after it, no more.
 *
 * File format, one line each: `time<TAB>key<TAB>item` per entry (item empty
 * for a delete); a folded journal starts with `#base<TAB>oldestMs<TAB>folded
 * entries` and `=<TAB>key<TAB>item` per item of the base state.
 */
export class WriteJournal {
  /** The table's content at {@link oldestMs}: every folded entry applied. */
  private readonly base = new Map<string, string>();
  private baseMs = Number.NEGATIVE_INFINITY;
  /** How many entries were folded into `base`. */
  private folded = 0;
  private times: number[] = [];
  private keys: string[] = [];
  private items: (string | null)[] = [];
  /** The table's current content: key → item JSON. */
  readonly current = new Map<string, string>();

  constructor(
    private sink?: fs.WriteStream,
    private readonly file?: string,
  ) {}

  /** Records a write: `item` is the after-image's JSON, or null for a delete. */
  append(time: number, key: string, item: string | null): void {
    this.apply(time, key, item);
    this.sink?.write(entryLine(time, key, item));
  }

  /** How many writes were ever journaled, folded ones included: a backup's cut counts them. */
  get length(): number {
    return this.folded + this.times.length;
  }

  /** How many entries the journal keeps (those not folded). */
  get keptEntries(): number {
    return this.times.length;
  }

  get itemCount(): number {
    return this.current.size;
  }

  /** The earliest time whose state the journal still holds; -Infinity until entries were folded. */
  get oldestMs(): number {
    return this.baseMs;
  }

  /** The items (as JSON) the table held at `time` (ms), i.e. after every write acknowledged at or before it. */
  stateAt(time: number): Map<string, string> {
    this.assertHeld(time);
    return this.stateAfter(this.folded + this.countUpTo(time));
  }

  /** The items (as JSON) the table held after its first `count` writes (a backup's exact cut). */
  stateAfter(count: number): Map<string, string> {
    const end = Math.min(count, this.length) - this.folded;
    if (end < 0) throw new Error(`the journal folded its first ${this.folded} writes: no state after ${count} of them`);
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
    this.assertHeld(fromMs);
    const writes = new Map<string, number>();
    for (let i = this.countUpTo(fromMs), end = this.countUpTo(toMs); i < end; i++) {
      writes.set(this.keys[i] as string, this.times[i] as number);
    }
    return writes;
  }

  /**
   * How many entries {@link fold} would fold for `cutoffMs`: those at or before it, once they are enough to be
   * worth a rewrite (at least {@link MIN_FOLDED_ENTRIES}, and at least as many as the journal keeps), else 0. So
   * the journal stays within about twice its smallest size, and each entry is rewritten a bounded number of times.
   */
  foldable(cutoffMs: number): number {
    const count = this.countUpTo(cutoffMs);
    const kept = this.times.length - count + this.base.size;
    return count >= MIN_FOLDED_ENTRIES && count >= kept ? count : 0;
  }

  /**
   * Folds the first `count` entries (all at or before `cutoffMs`) into the base state, which becomes the state at
   * `cutoffMs`, and rewrites the file to hold just that and the later entries: written to a temporary file, then
   * renamed over the journal, so a process killed at any moment leaves the old file or the new one, whole. Writes
   * still buffered for the old file are in the new one (it is written from memory).
   */
  fold(count: number, cutoffMs: number): void {
    if (count <= 0) return;
    for (let i = 0; i < count; i++) {
      const item = this.items[i];
      if (item === null || item === undefined) this.base.delete(this.keys[i] as string);
      else this.base.set(this.keys[i] as string, item);
    }
    this.times = this.times.slice(count);
    this.keys = this.keys.slice(count);
    this.items = this.items.slice(count);
    this.folded += count;
    this.baseMs = cutoffMs;
    if (!this.file) return;
    const lines = [`#base\t${cutoffMs}\t${this.folded}\n`];
    for (const [key, item] of this.base) lines.push(`=\t${key}\t${item}\n`);
    for (let i = 0; i < this.times.length; i++) {
      lines.push(entryLine(this.times[i] as number, this.keys[i] as string, this.items[i] as string | null));
    }
    const temporary = `${this.file}.tmp`;
    fs.writeFileSync(temporary, lines.join(''));
    fs.renameSync(temporary, this.file);
    // The old stream now writes to the replaced file, which nothing reads: what it still holds is in the new one.
    this.sink?.end();
    this.sink = appendStream(this.file);
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
    const journal = new WriteJournal(appendStream(file), file);
    const text = data.subarray(0, complete).toString('utf8');
    let start = 0;
    while (start < text.length) {
      const end = text.indexOf('\n', start);
      const tab1 = text.indexOf('\t', start);
      const tab2 = text.indexOf('\t', tab1 + 1);
      const first = text.slice(start, tab1);
      const second = text.slice(tab1 + 1, tab2);
      const third = text.slice(tab2 + 1, end);
      if (first === '#base') {
        journal.baseMs = Number(second);
        journal.folded = Number(third);
      } else if (first === '=') {
        journal.base.set(second, third);
        journal.current.set(second, third);
      } else {
        journal.apply(Number(first), second, third === '' ? null : third);
      }
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

  /** A time before {@link oldestMs} is a caller's bug: the restorable window never reaches it. */
  private assertHeld(time: number): void {
    if (time < this.baseMs) {
      throw new Error(`the journal holds no state before ${new Date(this.baseMs).toISOString()} (asked for ${time})`);
    }
  }

  /** How many kept entries have a time ≤ `time`. */
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

function entryLine(time: number, key: string, item: string | null): string {
  return `${time}\t${key}\t${item ?? ''}\n`;
}

/**
 * Appends to `file` through a descriptor opened now (a stream opens its path later): the stream writes to this
 * file, not to one renamed over it before it opened.
 */
function appendStream(file: string): fs.WriteStream {
  return fs.createWriteStream(file, { fd: fs.openSync(file, 'a') });
}
