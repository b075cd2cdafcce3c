import type { Item } from '../aws/tableRef.js';
import { InputError } from '../errors.js';
import type { RunJournal } from '../journal/runJournal.js';
import { drillRunOf } from './drillRun.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { itemFromJson, itemToJson, type JsonItem } from '../sync/attributeJson.js';
import type { TableDigest } from '../sync/tableDigest.js';
import type { Canary } from './canaries.js';

/**
 * What a drill recorded at its point in time: the table's digest (a scan of the live table just after the
 * canaries) and each canary's item then. A later drill may recover the table to that time and verify against it.
 */
export interface DrillReference {
  readonly drillId: string;
  readonly pointInTime: string;
  readonly digest: TableDigest;
  /** Each canary's key and its item at the point in time (absent: it did not exist then), as plain JSON. */
  readonly canaries: readonly { readonly label: string; readonly key: JsonItem; readonly item?: JsonItem }[];
}

/** A drill's default point in time is a recorded one at least this old ("about an hour ago"), when there is one. */
export const REFERENCE_MIN_AGE_MS = 3_600_000;

/** The reference of a drill's canaries at T, for the journal. */
export function drillReference(
  drillId: string,
  pointInTime: Date,
  digest: TableDigest,
  expected: ReadonlyMap<Canary, Item | undefined>,
): DrillReference {
  return {
    drillId,
    pointInTime: pointInTime.toISOString(),
    digest,
    canaries: [...expected].map(([canary, item]) => ({
      label: canary.label,
      key: itemToJson(canary.key),
      ...(item ? { item: itemToJson(item) } : {}),
    })),
  };
}

/** The canaries of a reference, and what each held at its point in time. */
export function referenceCanaries(reference: DrillReference): Map<Canary, Item | undefined> {
  return new Map(
    reference.canaries.map((c) => {
      const key = itemFromJson(c.key);
      return [{ label: c.label, key, keyAttributes: key }, c.item ? itemFromJson(c.item) : undefined] as const;
    }),
  );
}

/**
 * The point in time a drill recovers to, and the reference it verifies against: with `at`, the reference recorded
 * at exactly that time (refused when none was); without, the newest reference at least an hour old that is still
 * restorable (`earliest`), or none (the drill then takes T just after its own canaries). Reads the journal only.
 *
 * @example
 * const reference = await chooseReference(journal, { tableName: 'staging-Orders', environment: 'staging' }, undefined, earliest, new Date());
 */
export async function chooseReference(
  journal: RunJournal,
  table: { readonly tableName: string; readonly environment: string },
  at: string | undefined,
  earliest: Date,
  now: Date,
): Promise<DrillReference | undefined> {
  const requested = at === undefined ? undefined : parseRestoreTime(at, 'at');
  const references: DrillReference[] = [];
  for (const run of await journal.listRuns()) {
    const drilled = drillRunOf(run)?.tables[table.tableName];
    const reference = drilled?.drill?.reference;
    if (reference && drilled.plan.environment === table.environment) {
      references.push(reference);
    }
  }
  const restorable = references.filter((r) => Date.parse(r.pointInTime) >= earliest.getTime());
  if (requested) {
    const found = restorable.find((r) => Date.parse(r.pointInTime) === requested.getTime());
    if (found) return found;
    const known = restorable.map((r) => r.pointInTime).slice(0, 5);
    throw new InputError(
      'at',
      at,
      `is no point in time an earlier drill of ${table.tableName} recorded a digest at (inside the restorable window)`,
      known.length
        ? `Use one of: ${known.join(', ')} (dynamo-dr runs list shows the drills), or leave --at out.`
        : 'Leave --at out: the drill then recovers to just after its own canaries.',
    );
  }
  const old = restorable.filter((r) => now.getTime() - Date.parse(r.pointInTime) >= REFERENCE_MIN_AGE_MS);
  return old.sort((a, b) => Date.parse(b.pointInTime) - Date.parse(a.pointInTime))[0];
}
