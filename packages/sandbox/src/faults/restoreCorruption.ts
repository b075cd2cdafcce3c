import type { TableDefinition } from '../dynamodb/store/tableDefinition.js';
import { itemKey } from '../dynamodb/store/tableInstance.js';
import { keyNamesOf } from '../dynamodb/tableDescription.js';

/**
 * A fault that corrupts the next restore (PITR or backup) of a table: one item of what the restore writes is
 * dropped, or altered. Drills use it to show that their verification catches a restore that came back wrong.
 *
 * @example
 * const corruption: RestoreCorruption = { action: 'alter', key: { pk: { S: 'canary#2' } } };
 */
export interface RestoreCorruption {
  /** `drop`: the item is missing from the restored table. `alter`: it is there with one attribute's value changed. */
  readonly action: 'drop' | 'alter';
  /** The item's key (its key attributes, as DynamoDB JSON). @default the item whose key, as JSON text, sorts first */
  readonly key?: Readonly<Record<string, unknown>>;
}

/** What a corruption did to a restore. */
export interface RestoreCorruptionOutcome {
  /** The key of the item it chose, as DynamoDB JSON; absent when the restore held no item at all. */
  readonly key?: Readonly<Record<string, unknown>>;
  /** `not-found`: the restored state held no item of that key, and the restore was left as it was. */
  readonly outcome: 'dropped' | 'altered' | 'not-found';
  /** For `altered`: the attribute whose value was changed (or added, for an item of key attributes only). */
  readonly attribute?: string;
}

/** The value an altered attribute gets: a string no item held, so any comparison of the item notices. */
export const CORRUPTED_VALUE = { S: "corrupted by the dynamo-dr sandbox's corruptRestore fault" } as const;

/**
 * Applies `corruption` to a restore's items (key → item JSON) of a table with `definition`. An altered item gets
 * {@link CORRUPTED_VALUE} in its first attribute (by name) that is no key of the table or of its indexes (so the
 * item still fits every index), or in a new attribute `corrupted` when it has none.
 */
export function corruptRestore(
  items: ReadonlyMap<string, string>,
  definition: TableDefinition,
  corruption: RestoreCorruption,
): { readonly items: ReadonlyMap<string, string>; readonly outcome: RestoreCorruptionOutcome } {
  const keyNames = keyNamesOf({ KeySchema: definition.KeySchema });
  const wanted = corruption.key === undefined ? firstKey(items) : itemKey(keyNames, corruption.key);
  const json = wanted === undefined ? undefined : items.get(wanted);
  if (wanted === undefined || json === undefined) {
    return { items, outcome: { ...(corruption.key ? { key: corruption.key } : {}), outcome: 'not-found' } };
  }
  const item = JSON.parse(json) as Record<string, unknown>;
  const key = Object.fromEntries([keyNames.hash, keyNames.range].flatMap((k) => (k ? [[k, item[k]]] : [])));
  const corrupted = new Map(items);
  if (corruption.action === 'drop') {
    corrupted.delete(wanted);
    return { items: corrupted, outcome: { key, outcome: 'dropped' } };
  }
  const keyAttributes = new Set(
    [
      definition.KeySchema,
      ...[...(definition.GlobalSecondaryIndexes ?? []), ...(definition.LocalSecondaryIndexes ?? [])].map(
        (i) => i.KeySchema,
      ),
    ]
      .flat()
      .map((k) => k.AttributeName),
  );
  const attribute =
    Object.keys(item)
      .sort()
      .find((name) => !keyAttributes.has(name)) ?? 'corrupted';
  corrupted.set(wanted, JSON.stringify({ ...item, [attribute]: CORRUPTED_VALUE }));
  return { items: corrupted, outcome: { key, outcome: 'altered', attribute } };
}

function firstKey(items: ReadonlyMap<string, string>): string | undefined {
  let first: string | undefined;
  for (const key of items.keys()) if (first === undefined || key < first) first = key;
  return first;
}
