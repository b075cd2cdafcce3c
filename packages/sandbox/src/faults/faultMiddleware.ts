import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoEngine, DynamoMiddleware } from '../dynamodb/service.js';
import type { TableDefinition } from '../dynamodb/store/tableDefinition.js';
import { batchGetItem, batchWriteItem } from './batchCharges.js';
import { asImage, evaluatedUnits, readUnits, writeUnits } from './capacityUnits.js';
import { throughputExceeded, withConsumedUnits } from './faultAnswers.js';
import { FaultedTable } from './faultedTable.js';
import { answerIsNarrowed, currentItem, evaluatedItems, keyOf } from './itemImages.js';
import { delaysAnything, drawDelayMs, latencyProblems, operationClass, type LatencyFaults } from './latencyFaults.js';
import { checkTableFaults, FaultConfigError, type TableFaults, type TableFaultStats } from './tableFaults.js';

type Json = Record<string, unknown>;
type Next = (request: Json) => Promise<unknown>;

/**
 * Injects faults into DynamoDB requests: a delay before each is answered
 * (latency, globally or per table), and per table random throttling and
 * read/write capacity caps that count units as DynamoDB does (see
 * `capacityUnits.ts`) on the data plane (Get/Put/Update/DeleteItem, Query,
 * Scan, BatchGetItem, BatchWriteItem); and into restores (a corrupted item).
 * Inactive, and so free, while nothing but restore faults is set.
 *
 * @example
 * // startSandbox passes one to the DynamoDB service and to the admin service.
 * const faults = new FaultMiddleware({ orders: { writeUnitsPerSecond: 100 } }, { write: { fixedMs: 5, jitterMs: 5 } });
 * faults.set('events', { throttleRate: 0.3, seed: 1 });
 * faults.stats('orders'); // { requests, throttledRequests, writeUnits, writeUnitsAllowed, ... }
 */
export class FaultMiddleware implements DynamoMiddleware {
  private readonly tables = new Map<string, FaultedTable>();
  private globalLatency: LatencyFaults | undefined;

  /** Validates everything before applying any of it; throws {@link FaultConfigError}. */
  constructor(initial: Readonly<Record<string, TableFaults>> = {}, latency?: LatencyFaults) {
    const checked = Object.entries(initial).map(([name, faults]) => [name, checkTableFaults(name, faults)] as const);
    this.setLatency(latency);
    for (const [name, faults] of checked) this.tables.set(name, new FaultedTable(faults));
  }

  /** Sets (replacing, and restarting its counters) or, with `undefined`, clears a table's faults. */
  set(table: string, faults: TableFaults | undefined): void {
    if (faults === undefined) this.tables.delete(table);
    else this.tables.set(table, new FaultedTable(checkTableFaults(table, faults)));
  }

  /** Sets or, with `undefined`, clears the latency of every request (a table's own `latency` comes first). */
  setLatency(latency: LatencyFaults | undefined): void {
    const problems = latency === undefined ? [] : latencyProblems(latency);
    if (problems.length) throw new FaultConfigError(undefined, problems);
    this.globalLatency = latency;
  }

  get latency(): LatencyFaults | undefined {
    return this.globalLatency;
  }

  stats(table: string): TableFaultStats | undefined {
    return this.tables.get(table)?.stats();
  }

  /** Every faulted table with its faults and counters. */
  list(): Record<string, { readonly faults: TableFaults; readonly stats: TableFaultStats }> {
    return Object.fromEntries([...this.tables].map(([name, t]) => [name, { faults: t.faults, stats: t.stats() }]));
  }

  /** Data-plane requests are parsed only while something acts on them (a restore fault alone does not). */
  active(): boolean {
    for (const table of this.tables.values()) if (table.onDataPlane) return true;
    return delaysAnything(this.globalLatency);
  }

  /** A restore of `sourceTable` writes what its `corruptRestore` fault leaves of `items`. */
  restoredItems(
    sourceTable: string,
    items: ReadonlyMap<string, string>,
    definition: TableDefinition,
  ): ReadonlyMap<string, string> {
    return this.tables.get(sourceTable)?.restoredItems(items, definition) ?? items;
  }

  async handle(operation: string, request: Json, next: Next, engine: DynamoEngine): Promise<unknown> {
    const delay = this.delayMs(operation, request);
    if (delay > 0) await sleep(delay);
    const lookup = (name: string) => this.tables.get(name);
    switch (operation) {
      case 'PutItem':
      case 'UpdateItem':
      case 'DeleteItem':
        return this.writeItem(operation, request, next, engine);
      case 'GetItem':
      case 'Query':
      case 'Scan':
        return this.read(operation, request, next, engine);
      case 'BatchWriteItem':
        return batchWriteItem(request, next, engine, lookup);
      case 'BatchGetItem':
        return batchGetItem(request, next, engine, lookup);
      default:
        return next(request);
    }
  }

  /** The delay of one request: for each table it names, that table's latency for its class, else the global one. */
  private delayMs(operation: string, request: Json): number {
    const kind = operationClass(operation);
    const named = typeof request.TableName === 'string' ? [request.TableName] : Object.keys(request.RequestItems ?? {});
    const global = this.globalLatency?.[kind];
    if (named.length === 0) return drawDelayMs([global]);
    return drawDelayMs(named.map((name) => this.tables.get(name)?.faults.latency?.[kind] ?? global));
  }

  /**
   * A put, update or delete, charged the larger of the item before and
   * after: the item it replaces is read first (it also decides admission),
   * an update's result once it is done. A request the sandbox cannot read a
   * key of goes on uncharged, for DynamoDB's own error.
   */
  private async writeItem(operation: string, request: Json, next: Next, engine: DynamoEngine): Promise<unknown> {
    const name = String(request.TableName);
    const table = this.tables.get(name);
    if (!table) return next(request);
    if (table.throttledAtRandom()) {
      table.count(operation, { throttled: true });
      throw throughputExceeded();
    }
    const put = operation === 'PutItem' ? asImage(request.Item) : undefined;
    const keys = operation === 'PutItem' ? await engine.keyNames(name) : undefined;
    const key = operation === 'PutItem' ? keys && keyOf(keys, put) : asImage(request.Key);
    // null: the current item cannot be read (no such table, a malformed key).
    const before = key === undefined ? null : await currentItem(engine, name, key).catch(() => null);
    if (before === null) {
      table.count(operation, {});
      return next(request);
    }
    const units = writeUnits(before, put);
    const admitted = table.take('write', units);
    table.count(operation, { throttled: !admitted });
    if (!admitted) throw throughputExceeded();
    const answer = (await table.runReserved('write', units, () => next(request))) as Json;
    const after = operation === 'UpdateItem' ? await currentItem(engine, name, key).catch(() => before) : undefined;
    const used = writeUnits(before, put ?? after);
    table.settle('write', units, used);
    return withConsumedUnits(request, answer, new Map([[name, used]]));
  }

  /**
   * GetItem, Query or Scan: served while the read bucket is not empty, then
   * charged for the whole items it read, which may take the bucket below
   * zero; nothing more is served until refill has repaid the debt.
   */
  private async read(operation: string, request: Json, next: Next, engine: DynamoEngine): Promise<unknown> {
    const name = String(request.TableName);
    const table = this.tables.get(name);
    if (!table) return next(request);
    const admitted = table.admit('read', 0);
    table.count(operation, { throttled: !admitted });
    if (!admitted) throw throughputExceeded();
    const answer = (await table.runReserved('read', 0, () => next(request))) as Json;
    const consistent = request.ConsistentRead === true;
    let used: number;
    if (operation === 'GetItem') {
      const narrowed = answer.Item !== undefined && answerIsNarrowed(request);
      used = readUnits(
        narrowed ? await currentItem(engine, name, asImage(request.Key)) : asImage(answer.Item),
        consistent,
      );
    } else {
      used = evaluatedUnits(await evaluatedItems(engine, operation as 'Query' | 'Scan', request, answer), consistent);
    }
    table.settle('read', 0, used);
    return withConsumedUnits(request, answer, new Map([[name, used]]));
  }
}
