import { describe, expect, it } from 'vitest';
import { chooseReference, type DrillReference } from '../../src/drill/drillReference.js';
import { MemoryRunJournal } from '../../src/journal/memoryRunJournal.js';
import type { DrillRun } from '../../src/drill/drillRun.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const TABLE = { tableName: 'staging-orders', environment: 'staging' };

/** A journal holding one drill run per point in time, each with its reference. */
async function journalOf(drills: { pointInTime: string; environment?: string }[]): Promise<MemoryRunJournal> {
  const journal = new MemoryRunJournal();
  for (const [i, d] of drills.entries()) {
    const reference: DrillReference = {
      drillId: `drill-${i}`,
      pointInTime: d.pointInTime,
      digest: { count: 1, digest: String(i).padStart(64, '0') },
      canaries: [],
    };
    const plan = {
      tableName: TABLE.tableName,
      environment: d.environment ?? TABLE.environment,
      scenario: 'restore-as',
    };
    await journal.updateRun(reference.drillId, () => ({
      incidentId: reference.drillId,
      kind: 'drill',
      requestedTime: d.pointInTime,
      restoreTime: d.pointInTime,
      startedAt: d.pointInTime,
      result: 'succeeded',
      attempts: [],
      tables: {
        [TABLE.tableName]: {
          plan,
          result: 'succeeded',
          phases: {},
          segmentsDone: [],
          counts: {},
          drill: { reference },
        },
      } as unknown as DrillRun['tables'],
    }));
  }
  return journal;
}

describe("a drill's point in time", () => {
  it('is the newest recorded one at least an hour old and still restorable, else none (just after the canaries)', async () => {
    const journal = await journalOf([
      { pointInTime: '2026-11-30T09:00:00.000Z' }, // restorable, older
      { pointInTime: '2026-12-01T10:30:00.000Z' }, // the newest at least an hour old
      { pointInTime: '2026-12-01T11:30:00.000Z' }, // too recent
      { pointInTime: '2026-12-01T10:45:00.000Z', environment: 'other' }, // another environment's
    ]);
    const earliest = new Date('2026-11-30T00:00:00Z');
    expect((await chooseReference(journal, TABLE, undefined, earliest, NOW))?.pointInTime).toBe(
      '2026-12-01T10:30:00.000Z',
    );
    // Outside the restorable window a reference no longer counts.
    const later = new Date('2026-12-01T11:00:00Z');
    expect(await chooseReference(journal, TABLE, undefined, later, NOW)).toBeUndefined();
    expect(await chooseReference(await journalOf([]), TABLE, undefined, earliest, NOW)).toBeUndefined();
  });

  it('is exactly the one --at names, in any offset; a time without a record is refused with the ones known', async () => {
    const journal = await journalOf([{ pointInTime: '2026-12-01T11:30:00.000Z' }]);
    const earliest = new Date('2026-11-30T00:00:00Z');
    expect((await chooseReference(journal, TABLE, '2026-12-01T12:30:00+01:00', earliest, NOW))?.drillId).toBe(
      'drill-0',
    );
    await expect(chooseReference(journal, TABLE, '2026-12-01T11:31:00Z', earliest, NOW)).rejects.toThrow(
      'at "2026-12-01T11:31:00Z" is no point in time an earlier drill of staging-orders recorded a digest at (inside the restorable window). Use one of: 2026-12-01T11:30:00.000Z',
    );
    await expect(chooseReference(journal, TABLE, 'yesterday', earliest, NOW)).rejects.toThrow(
      /^at "yesterday" is not an ISO 8601/,
    );
  });
});
