// The PITR journal kept to the recovery period. Its writes are dated days back, which no request to a running
// sandbox can do, so the store is driven directly; the dynalite client is never reached on this path.
import { expect, it } from 'vitest';
import type { DynaliteClient } from '../../src/dynaliteClient.js';
import { journalWrite } from '../../src/dynamodb/journaledWrite.js';
import { trimJournal } from '../../src/dynamodb/journalRetention.js';
import { DynamoStore, type BackupRecord } from '../../src/dynamodb/store/dynamoStore.js';
import type { TableInstance } from '../../src/dynamodb/store/tableInstance.js';

const DAY = 86_400_000;
const TIMINGS = {
  latestRestorableLagMs: 0,
  restoreBaseMs: 0,
  restorePerItemMs: 0,
  backupCreateMs: 0,
  exportMs: 0,
  minIncrementalExportPeriodMs: 0,
};

/** A table with PITR on for three days, one day of recovery period, and writes 2.5, 2 and 0.5 days old. */
function tableWithHistory() {
  const store = DynamoStore.open({} as DynaliteClient, TIMINGS);
  const now = Date.now();
  const instance: TableInstance = {
    id: 'orders-1',
    name: 'orders',
    createdMs: now - 3 * DAY,
    key: { hash: 'pk' },
    deletionProtection: false,
    tags: [],
    pitr: { enabledMs: now - 3 * DAY, recoveryPeriodInDays: 1 },
  };
  store.register(instance);
  const journal = store.journal(instance);
  journal.append(now - 2.5 * DAY, '["a"]', '{"v":1}');
  journal.append(now - 2 * DAY, '["b"]', '{"v":1}');
  journal.append(now - 0.5 * DAY, '["a"]', '{"v":2}');
  return { store, instance, journal, now };
}

it('folds away what is older than the recovery period, and restores within it read the same', () => {
  const { store, instance, journal, now } = tableWithHistory();
  const earliest = journal.stateAt(now - DAY + 1000);

  expect(trimJournal(store, instance)).toBe(2);
  expect(journal.keptEntries).toBe(1);
  expect(journal.length).toBe(3);
  expect(journal.stateAt(now - DAY + 1000)).toEqual(earliest);
  expect(journal.stateAt(now)).toEqual(
    new Map([
      ['["a"]', '{"v":2}'],
      ['["b"]', '{"v":1}'],
    ]),
  );
});

it('trims on the next write', () => {
  const { store, instance, journal } = tableWithHistory();
  journalWrite(store, instance, '["c"]', '{"v":1}');
  expect(journal.keptEntries).toBe(2);
  expect(journal.length).toBe(4);
});

it('keeps the cut of an on-demand backup older than the recovery period', () => {
  const { store, instance, journal, now } = tableWithHistory();
  store.addBackup({ id: 'b1', instanceId: instance.id, journalEntries: 1 } as BackupRecord);

  expect(trimJournal(store, instance)).toBe(1);
  expect(journal.stateAfter(1)).toEqual(new Map([['["a"]', '{"v":1}']]));
  expect(journal.stateAt(now)).toEqual(
    new Map([
      ['["a"]', '{"v":2}'],
      ['["b"]', '{"v":1}'],
    ]),
  );
});

it('with PITR off, keeps only the current items once its history is an hour old', () => {
  const { store, instance, journal, now } = tableWithHistory();
  delete instance.pitr;

  expect(trimJournal(store, instance)).toBe(3);
  expect(journal.keptEntries).toBe(0);
  expect(journal.stateAt(now)).toEqual(
    new Map([
      ['["a"]', '{"v":2}'],
      ['["b"]', '{"v":1}'],
    ]),
  );
});

it('leaves a journal alone while its oldest entry is within the recovery period', () => {
  const { store, instance, journal } = tableWithHistory();
  instance.pitr = { enabledMs: Date.now() - 3 * DAY, recoveryPeriodInDays: 35 };
  expect(trimJournal(store, instance)).toBe(0);
  expect(journal.keptEntries).toBe(3);
});
