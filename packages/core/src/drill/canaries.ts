import type { AttributeDefinition, KeySchemaElement, TableDescription } from '@aws-sdk/client-dynamodb';
import type { Item } from '../aws/tableRef.js';

/** The attribute of a canary that carries its known content (and the one a corrupted restore would change). */
export const CANARY_BODY = 'dynamoDrDrillBody';
/** When the canary's version was written (ISO 8601, UTC). */
export const CANARY_WRITTEN_AT = 'dynamoDrDrillWrittenAt';

/** One canary: its label, its key, and every key attribute of the table's indexes it carries. */
export interface Canary {
  /** `canary#1` … `canary#4`, as reports name it. */
  readonly label: string;
  /** The canary's primary key (DynamoDB JSON). */
  readonly key: Item;
  /** Its primary key and the index key attributes (so every index holds it). */
  readonly keyAttributes: Item;
}

/**
 * The canary set of a drill, with what happens to each around the point in time T: written before T (1, 2, 3);
 * after T, 2 changes, 3 is deleted and 4 is written. Restored at T, the table must hold 1, 2 (first version) and
 * 3, and not 4: a restore to the wrong second shows as a wrong canary.
 */
export interface CanarySet {
  readonly canaries: readonly Canary[];
  /** The canaries written before T. */
  readonly beforeT: readonly Canary[];
  readonly changedAfterT: Canary;
  readonly deletedAfterT: Canary;
  readonly writtenAfterT: Canary;
  /** The table's indexes and their partition key attributes (a Query on each finds the canaries it holds). */
  readonly indexes: readonly { readonly indexName: string; readonly partitionKey: string }[];
}

/** A canary's item in its `version` (1 before T, 2 after), written at `at`. */
export function canaryItem(canary: Canary, drillId: string, version: number, at: Date): Item {
  return {
    ...canary.keyAttributes,
    [CANARY_BODY]: { S: `${canary.label} of drill ${drillId}, version ${version}` },
    [CANARY_WRITTEN_AT]: { S: at.toISOString() },
  };
}

/**
 * The canaries of drill `drillId` for a table of `description`'s key schema and indexes: keys of each key
 * attribute's type (S, N or B) that no application writes (`dynamo-dr-drill#<id>#<n>`; for a number key, a
 * negative number of the drill's start), and the same value of every index key for all four, so a Query on an
 * index finds exactly the canaries it holds.
 *
 * @example
 * const set = canarySet(table, 'drill-20261201T2300Z-k3f9', Date.now());
 */
export function canarySet(description: TableDescription, drillId: string, startedMs: number): CanarySet {
  const types = new Map(
    (description.AttributeDefinitions ?? []).map((d: AttributeDefinition) => [d.AttributeName!, d.AttributeType!]),
  );
  const tableKey = description.KeySchema ?? [];
  const indexes = [...(description.GlobalSecondaryIndexes ?? []), ...(description.LocalSecondaryIndexes ?? [])];
  const canaries = [1, 2, 3, 4].map((n) => {
    const key: Item = {};
    for (const element of tableKey) {
      key[element.AttributeName!] = keyValue(types.get(element.AttributeName!), element, drillId, startedMs, n);
    }
    const keyAttributes: Item = { ...key };
    for (const index of indexes) {
      for (const element of index.KeySchema ?? []) {
        const name = element.AttributeName!;
        keyAttributes[name] ??= keyValue(types.get(name), element, drillId, startedMs, 0);
      }
    }
    return { label: `canary#${n}`, key, keyAttributes };
  });
  const [first, second, third, fourth] = canaries as [Canary, Canary, Canary, Canary];
  return {
    canaries,
    beforeT: [first, second, third],
    changedAfterT: second,
    deletedAfterT: third,
    writtenAfterT: fourth,
    indexes: indexes.map((index) => ({
      indexName: index.IndexName!,
      partitionKey: (index.KeySchema ?? []).find((k) => k.KeyType === 'HASH')!.AttributeName!,
    })),
  };
}

/** A key value of `type`: `n` numbers the canary (0: the value every canary shares, for index keys). */
function keyValue(
  type: string | undefined,
  element: KeySchemaElement,
  drillId: string,
  startedMs: number,
  n: number,
): Item[string] {
  const text =
    element.KeyType === 'RANGE'
      ? `canary#${n}`
      : n === 0
        ? `dynamo-dr-drill#${drillId}`
        : `dynamo-dr-drill#${drillId}#${n}`;
  if (type === 'N') return { N: element.KeyType === 'RANGE' ? String(n) : `-${startedMs}${n}` };
  if (type === 'B') return { B: new TextEncoder().encode(text) };
  return { S: text };
}

/** The canary's key as text for reports: `canary#2 {"pk":"dynamo-dr-drill#…#2"}`. */
export function canaryName(canary: Canary): string {
  const key = Object.fromEntries(
    Object.entries(canary.key).map(([name, value]) => [
      name,
      value.S ?? value.N ?? Buffer.from(value.B ?? []).toString('base64'),
    ]),
  );
  return `${canary.label} ${JSON.stringify(key)}`;
}
