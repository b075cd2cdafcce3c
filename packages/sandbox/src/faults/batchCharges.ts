import type { DynamoEngine } from '../dynamodb/service.js';
import { asImage, readUnits, writeUnits, type ItemImage } from './capacityUnits.js';
import { throughputExceeded, withConsumedUnits } from './faultAnswers.js';
import type { CapacityKind, FaultedTable } from './faultedTable.js';
import { answerIsNarrowed, currentItems, keyOf } from './itemImages.js';

type Json = Record<string, unknown>;
type Next = (request: Json) => Promise<unknown>;
type Lookup = (table: string) => FaultedTable | undefined;

/** One faulted table's part of a batch: the entries that go on, those handed back, and their units. */
interface Share {
  readonly name: string;
  readonly table: FaultedTable;
  readonly passed: unknown[];
  readonly refused: unknown[];
  /** Units of each passed entry, by its JSON (DynamoDB hands entries back exactly as sent). */
  readonly unitsOf: Map<string, number>;
  readonly reserved: number;
}

/**
 * BatchWriteItem: each put or delete is decided on its own, and charged like
 * the single write it is (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html:
 * "DynamoDB processes each item in the batch as an individual PutItem or
 * DeleteItem request"), so the items the batch replaces or deletes are read
 * first. Refused entries come back unprocessed, in order; only when no entry
 * of the whole call can be processed does the call fail
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 */
export async function batchWriteItem(request: Json, next: Next, engine: DynamoEngine, lookup: Lookup) {
  const tables = Object.entries((request.RequestItems ?? {}) as Json) as [string, Json[]][];
  // Malformed requests go on untouched, for DynamoDB's own validation error.
  if (!tables.some(([name]) => lookup(name)) || !tables.every(([, w]) => Array.isArray(w))) return next(request);
  // The random throttle first, so that the items it refuses are not even read; then every other item is read
  // before anything is reserved, so that a batch the sandbox cannot read goes on untouched.
  const planned: { name: string; table: FaultedTable; writes: Json[]; drawn: boolean[]; units: number[] }[] = [];
  for (const [name, writes] of tables) {
    const table = lookup(name);
    if (!table) continue;
    const drawn = writes.map(() => table.throttledAtRandom());
    const units = await writeUnitsOf(
      engine,
      name,
      writes.filter((_, i) => !drawn[i]),
    );
    if (!units) return untouched('BatchWriteItem', request, next, tables, lookup);
    planned.push({ name, table, writes, drawn, units });
  }
  const kept: Json = Object.fromEntries(tables.filter(([name]) => !lookup(name)));
  const shares = planned.map((p) => decide(p.name, p.table, 'write', p.writes, p.drawn, p.units));
  for (const share of shares) if (share.passed.length) kept[share.name] = share.passed;
  const reply = await forward('BatchWriteItem', 'write', { ...request, RequestItems: kept }, next, shares);
  const back = (reply.UnprocessedItems ?? {}) as Json;
  const used = new Map<string, number>();
  for (const share of shares) {
    const downstream = (back[share.name] as unknown[] | undefined) ?? [];
    const returned = downstream.reduce<number>((sum, e) => sum + (share.unitsOf.get(JSON.stringify(e)) ?? 0), 0);
    share.table.settle('write', share.reserved, share.reserved - returned);
    used.set(share.name, share.reserved - returned);
    if (share.refused.length) back[share.name] = [...downstream, ...share.refused];
  }
  return withConsumedUnits(request, { ...reply, UnprocessedItems: back }, used);
}

/**
 * BatchGetItem: each key is decided on its own (1 unit reserved, 0.5
 * eventually consistent), then charged like the GetItem it is ("DynamoDB
 * processes each item in the batch as an individual GetItem request"): the
 * whole item, however much of it a projection returned, and a read for a key
 * not found.
 */
export async function batchGetItem(request: Json, next: Next, engine: DynamoEngine, lookup: Lookup) {
  const tables = Object.entries((request.RequestItems ?? {}) as Json) as [string, Json][];
  const keysOf = (tableRequest: Json) => tableRequest?.Keys;
  if (!tables.some(([name]) => lookup(name)) || !tables.every(([, t]) => Array.isArray(keysOf(t))))
    return next(request);
  const kept: Json = {};
  const shares: (Share & { readonly tableRequest: Json })[] = [];
  for (const [name, tableRequest] of tables) {
    const table = lookup(name);
    if (!table) {
      kept[name] = tableRequest;
      continue;
    }
    const keys = keysOf(tableRequest) as unknown[];
    const drawn = keys.map(() => table.throttledAtRandom());
    const estimate = tableRequest.ConsistentRead ? 1 : 0.5;
    const share = decide(name, table, 'read', keys, drawn, Array(keys.length).fill(estimate));
    if (share.passed.length) kept[name] = { ...tableRequest, Keys: share.passed };
    shares.push({ ...share, tableRequest });
  }
  const reply = await forward('BatchGetItem', 'read', { ...request, RequestItems: kept }, next, shares);
  const back = (reply.UnprocessedKeys ?? {}) as Record<string, Json>;
  const used = new Map<string, number>();
  for (const share of shares) {
    const downstream = new Set(((back[share.name]?.Keys as unknown[] | undefined) ?? []).map((k) => JSON.stringify(k)));
    const read = share.passed.filter((k) => !downstream.has(JSON.stringify(k)));
    const consistent = share.tableRequest.ConsistentRead === true;
    const images = await readImages(engine, share.name, share.tableRequest, read, reply);
    const units = images.reduce((sum, image) => sum + readUnits(image, consistent), 0);
    share.table.settle('read', share.reserved, units);
    used.set(share.name, units);
    if (share.refused.length) {
      const earlier = (back[share.name]?.Keys as unknown[] | undefined) ?? [];
      back[share.name] = { ...share.tableRequest, Keys: [...earlier, ...share.refused] };
    }
  }
  return withConsumedUnits(request, { ...reply, UnprocessedKeys: back }, used);
}

/** Units of each write: the larger of the item before (read now) and the item put; `undefined` if unreadable. */
async function writeUnitsOf(engine: DynamoEngine, table: string, writes: Json[]): Promise<number[] | undefined> {
  const keys = await engine.keyNames(table);
  if (!keys) return undefined;
  const put = (w: Json) => asImage((w.PutRequest as Json | undefined)?.Item);
  const wanted = writes.map((w) => (w.DeleteRequest ? asImage((w.DeleteRequest as Json).Key) : keyOf(keys, put(w))));
  if (wanted.some((k) => k === undefined)) return undefined;
  const before = await currentItems(engine, table, keys, wanted).catch(() => undefined);
  return before && writes.map((w, i) => writeUnits(before[i], put(w)));
}

/** The whole items the read keys hold: the answer's own, unless a projection narrowed them. */
async function readImages(
  engine: DynamoEngine,
  table: string,
  tableRequest: Json,
  read: unknown[],
  reply: Json,
): Promise<ItemImage[]> {
  const answered = (reply.Responses as Record<string, ItemImage[]> | undefined)?.[table] ?? [];
  const notFound = Array<ItemImage>(Math.max(0, read.length - answered.length)).fill(undefined);
  const keys = answerIsNarrowed(tableRequest) && answered.length ? await engine.keyNames(table) : undefined;
  if (!keys) return [...answered, ...notFound];
  return currentItems(engine, table, keys, read as ItemImage[]).catch(() => [...answered, ...notFound]);
}

/** Decides each entry in order: refused by the random draw, or by the cap; the rest pass with their units reserved. */
function decide(
  name: string,
  table: FaultedTable,
  kind: CapacityKind,
  entries: unknown[],
  drawn: boolean[],
  unitsOfUndrawn: number[],
): Share {
  const passed: unknown[] = [];
  const refused: unknown[] = [];
  const unitsOf = new Map<string, number>();
  let reserved = 0;
  let next = 0;
  entries.forEach((entry, i) => {
    if (drawn[i]) return refused.push(entry);
    const units = unitsOfUndrawn[next++]!;
    if (!table.take(kind, units)) return refused.push(entry);
    passed.push(entry);
    unitsOf.set(JSON.stringify(entry), units);
    reserved += units;
  });
  return { name, table, passed, refused, unitsOf, reserved };
}

/** Sends what passed; counts the call for each faulted table; a call with nothing to process is throttled whole. */
async function forward(operation: string, kind: CapacityKind, kept: Json, next: Next, shares: readonly Share[]) {
  const processable = Object.keys(kept.RequestItems as Json).length > 0;
  for (const share of shares) {
    share.table.count(operation, { throttled: !processable, unprocessed: processable ? share.refused.length : 0 });
  }
  if (!processable) throw throughputExceeded();
  try {
    return ((await next(kept)) ?? {}) as Json;
  } catch (error) {
    for (const share of shares) share.table.settle(kind, share.reserved, 0);
    throw error;
  }
}

/** A batch the sandbox cannot read the items of goes on as it is, counted, for DynamoDB's own answer. */
function untouched(operation: string, request: Json, next: Next, tables: [string, unknown][], lookup: Lookup) {
  for (const [name] of tables) lookup(name)?.count(operation, {});
  return next(request);
}
