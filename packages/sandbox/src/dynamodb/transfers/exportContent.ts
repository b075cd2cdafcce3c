import type { KeyNames } from '../store/tableInstance.js';
import type { WriteJournal } from '../store/writeJournal.js';
import type { IncrementalPeriod } from './transferStore.js';

/**
 * A full export's lines: `{"Item":…}` for every item the table held at the
 * export time, the same state a PITR restore to that time gets.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html
 */
export function fullExportLines(journal: WriteJournal, atMs: number): string[] {
  return [...journal.stateAt(atMs).values()].map((item) => `{"Item":${item}}`);
}

/**
 * An incremental export's lines: one per key written in the period, with
 * `Keys`, the `NewImage` the key held at the period's end (absent if it was
 * deleted) and, for NEW_AND_OLD_IMAGES, the `OldImage` it held at the start
 * (absent if it did not exist), and `Metadata.WriteTimestampMicros` of its
 * last write in the period. A key that exists at neither end (put, then
 * deleted, inside the period) is not exported, as the developer guide's
 * incremental output examples show. The images are the journal's states at
 * the two ends, the very states PITR restores to those times hold.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html
 */
export function incrementalExportLines(journal: WriteJournal, key: KeyNames, period: IncrementalPeriod): string[] {
  const before = journal.stateAt(period.fromMs);
  const after = journal.stateAt(period.toMs);
  const lines: string[] = [];
  for (const [itemKey, lastWriteMs] of journal.writesBetween(period.fromMs, period.toMs)) {
    const oldImage = before.get(itemKey);
    const newImage = after.get(itemKey);
    if (oldImage === undefined && newImage === undefined) continue;
    let line = `{"Metadata":{"WriteTimestampMicros":{"N":"${lastWriteMs * 1000}"}},"Keys":${keysOf(key, itemKey)}`;
    if (newImage !== undefined) line += `,"NewImage":${newImage}`;
    if (oldImage !== undefined && period.viewType === 'NEW_AND_OLD_IMAGES') line += `,"OldImage":${oldImage}`;
    lines.push(`${line}}`);
  }
  return lines;
}

/** The `Keys` map of a journal key (its key attributes' values in key schema order). */
function keysOf(key: KeyNames, itemKey: string): string {
  const [hash, range] = JSON.parse(itemKey) as [unknown, unknown?];
  return JSON.stringify(key.range === undefined ? { [key.hash]: hash } : { [key.hash]: hash, [key.range]: range });
}
