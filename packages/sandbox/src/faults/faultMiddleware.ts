import { AwsError } from '../awsError.js';
import type { DynamoMiddleware } from '../dynamodb/service.js';
import { consumedUnits, writeUnits } from './capacityUnits.js';
import { FaultedTable, type CapacityKind } from './faultedTable.js';
import { checkTableFaults, type TableFaults, type TableFaultStats } from './tableFaults.js';

type Json = Record<string, unknown>;
type Next = (request: Json) => Promise<unknown>;

/** Where one table's share of a batch request lives, and how its entries are estimated. */
interface BatchShape {
  readonly kind: CapacityKind;
  readonly unprocessed: 'UnprocessedItems' | 'UnprocessedKeys';
  entries(tableRequest: unknown): unknown;
  withEntries(tableRequest: unknown, entries: unknown[]): unknown;
  estimate(entry: unknown, tableRequest: unknown): number;
}

const BATCHES: Readonly<Record<string, BatchShape>> = {
  BatchWriteItem: {
    kind: 'write',
    unprocessed: 'UnprocessedItems',
    entries: (writes) => writes,
    withEntries: (_writes, entries) => entries,
    // A delete's size is known only after it ran: reserve 1, settle with what it used.
    estimate: (entry) => writeUnits((entry as { PutRequest?: { Item?: unknown } }).PutRequest?.Item),
  },
  BatchGetItem: {
    kind: 'read',
    unprocessed: 'UnprocessedKeys',
    entries: (keysAndAttributes) => (keysAndAttributes as { Keys?: unknown } | undefined)?.Keys,
    withEntries: (keysAndAttributes, entries) => ({ ...(keysAndAttributes as Json), Keys: entries }),
    estimate: (_key, keysAndAttributes) => ((keysAndAttributes as Json).ConsistentRead ? 1 : 0.5),
  },
};

interface Reservation {
  readonly name: string;
  readonly table: FaultedTable;
  readonly units: number;
}

/**
 * Injects per-table faults into DynamoDB data-plane requests (Get/Put/Update/
 * DeleteItem, Query, Scan, BatchGetItem, BatchWriteItem): random throttling
 * and read/write capacity caps. Inactive, and so free, while no table has
 * faults.
 *
 * @example
 * // startSandbox passes one to the DynamoDB service and to the admin service.
 * const faults = new FaultMiddleware({ orders: { writeUnitsPerSecond: 100 } });
 * faults.set('events', { throttleRate: 0.3, seed: 1 });
 * faults.stats('orders'); // { requests, throttledRequests, writeUnits, writeUnitsAllowed, ... }
 */
export class FaultMiddleware implements DynamoMiddleware {
  private readonly tables = new Map<string, FaultedTable>();

  /** Validates every table's faults before applying any; throws {@link FaultConfigError}. */
  constructor(initial: Readonly<Record<string, TableFaults>> = {}) {
    const checked = Object.entries(initial).map(([name, faults]) => [name, checkTableFaults(name, faults)] as const);
    for (const [name, faults] of checked) this.tables.set(name, new FaultedTable(faults));
  }

  /** Sets (replacing, and restarting its counters) or, with `undefined`, clears a table's faults. */
  set(table: string, faults: TableFaults | undefined): void {
    if (faults === undefined) this.tables.delete(table);
    else this.tables.set(table, new FaultedTable(checkTableFaults(table, faults)));
  }

  stats(table: string): TableFaultStats | undefined {
    return this.tables.get(table)?.stats();
  }

  /** Every faulted table with its faults and counters. */
  list(): Record<string, { readonly faults: TableFaults; readonly stats: TableFaultStats }> {
    return Object.fromEntries([...this.tables].map(([name, t]) => [name, { faults: t.faults, stats: t.stats() }]));
  }

  active(): boolean {
    return this.tables.size > 0;
  }

  handle(operation: string, request: Json, next: Next): Promise<unknown> {
    switch (operation) {
      case 'PutItem':
        return this.single(operation, 'write', request, next, writeUnits(request.Item));
      case 'UpdateItem':
      case 'DeleteItem':
        return this.single(operation, 'write', request, next, 1);
      case 'GetItem':
      case 'Query':
      case 'Scan':
        // The size of a read is known only after it: serve while the bucket is not empty, then debit what was read.
        return this.single(operation, 'read', request, next, 0);
      case 'BatchWriteItem':
      case 'BatchGetItem':
        return this.batch(operation, BATCHES[operation] as BatchShape, request, next);
      default:
        return next(request);
    }
  }

  private async single(
    operation: string,
    kind: CapacityKind,
    request: Json,
    next: Next,
    estimate: number,
  ): Promise<unknown> {
    const name = String(request.TableName);
    const table = this.tables.get(name);
    if (!table) return next(request);
    const admitted = table.admit(kind, estimate);
    table.count(operation, { throttled: !admitted });
    if (!admitted) throw throughputExceeded();
    return forward(kind, request, next, [{ name, table, units: estimate }]);
  }

  /**
   * Each entry is decided on its own; refused ones come back unprocessed. Only
   * when no entry of the whole request can be processed does the call fail.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html
   */
  private async batch(operation: string, shape: BatchShape, request: Json, next: Next): Promise<unknown> {
    const requestItems = Object.entries((request.RequestItems ?? {}) as Json);
    const faulted = requestItems.some(([name]) => this.tables.has(name));
    // Malformed requests go on untouched, for DynamoDB's own validation error.
    if (!faulted || !requestItems.every(([, t]) => Array.isArray(shape.entries(t)))) return next(request);

    const kept: Json = {};
    const refused: Json = {};
    const reservations: (Reservation & { readonly refused: number })[] = [];
    for (const [name, tableRequest] of requestItems) {
      const table = this.tables.get(name);
      if (!table) {
        kept[name] = tableRequest;
        continue;
      }
      const pass: unknown[] = [];
      const fail: unknown[] = [];
      let units = 0;
      for (const entry of shape.entries(tableRequest) as unknown[]) {
        const estimate = shape.estimate(entry, tableRequest);
        if (table.admit(shape.kind, estimate)) {
          pass.push(entry);
          units += estimate;
        } else fail.push(entry);
      }
      if (pass.length) kept[name] = shape.withEntries(tableRequest, pass);
      if (fail.length) refused[name] = shape.withEntries(tableRequest, fail);
      reservations.push({ name, table, units, refused: fail.length });
    }
    const processable = Object.keys(kept).length > 0;
    for (const r of reservations)
      r.table.count(operation, { throttled: !processable, unprocessed: processable ? r.refused : 0 });
    if (!processable) throw throughputExceeded();

    const reply = await forward(shape.kind, { ...request, RequestItems: kept }, next, reservations);
    const downstream = (reply[shape.unprocessed] ?? {}) as Json;
    for (const [name, tableRequest] of Object.entries(refused)) {
      const earlier = (shape.entries(downstream[name]) as unknown[] | undefined) ?? [];
      downstream[name] = shape.withEntries(tableRequest, [...earlier, ...(shape.entries(tableRequest) as unknown[])]);
    }
    return { ...reply, [shape.unprocessed]: downstream };
  }
}

/**
 * AWS's error for throttling, with the message the developer guide documents.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.MessagesAndCodes
 */
function throughputExceeded(): AwsError {
  return new AwsError(
    'ProvisionedThroughputExceededException',
    'You exceeded your maximum allowed provisioned throughput for a table or for one or more global secondary ' +
      'indexes. To view performance metrics for provisioned throughput vs. consumed throughput, open the Amazon ' +
      'CloudWatch console.',
  );
}

/**
 * Runs the admitted request and settles each reservation with the units
 * DynamoDB's own accounting reports (`ConsumedCapacity`, which the sandbox
 * asks for and hides again from a client that did not), or with the
 * estimate when the response carries none. A failed request uses nothing.
 */
async function forward(kind: CapacityKind, request: Json, next: Next, reservations: Reservation[]): Promise<Json> {
  const asked = request.ReturnConsumedCapacity === 'TOTAL' || request.ReturnConsumedCapacity === 'INDEXES';
  let response: Json;
  try {
    response = ((await next(asked ? request : { ...request, ReturnConsumedCapacity: 'TOTAL' })) ?? {}) as Json;
  } catch (error) {
    for (const r of reservations) r.table.settle(kind, r.units, 0);
    throw error;
  }
  for (const r of reservations) r.table.settle(kind, r.units, consumedUnits(response, r.name) ?? r.units);
  if (asked) return response;
  const { ConsumedCapacity: _hidden, ...reply } = response;
  return reply;
}
