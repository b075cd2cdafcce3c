import { AWS } from './awsFigures.js';

/** The operations a Lambda worker runs on one scan segment (syncSegment). */
export type WorkerOperation = 'copy' | 'empty' | 'delta' | 'digest';
export type SyncMode = 'delta' | 'reset';

/** What the model takes from the benchmarks (bench/results/sync.json): all measured here. */
export interface MeasuredFigures {
  /** Average item size by AWS's rules. */
  readonly itemBytes: number;
  /** One worker (syncSegment, one segment) under AWS-like latency: its rate and its own CPU per item. */
  readonly worker: Readonly<Record<WorkerOperation, { itemsPerSecond: number; engineCpuMicrosPerItem: number }>>;
  /** What one running segment's checkpoints add to the run's journal record. */
  readonly checkpointBytes: number;
  /** The round trip the benchmark gave every request (fixed + up to jitter), taken as AWS's. */
  readonly latency: { readonly write: { readonly fixedMs: number; readonly jitterMs: number } };
  /** The tools dynamo-dr replaces, measured on the same data: their own CPU per item. */
  readonly copyDynamodbTable: { readonly engineCpuMicrosPerItem: number };
  readonly seedReset: { readonly engineCpuMicrosPerItem: number };
}

/**
 * How today's restore workflow runs a sync, read from its code (not measured): a segment's Lambda call returns
 * after 10 minutes and is called again (restore/segmentChunks.ts), saving its checkpoints after every 1-second
 * chunk into the run's one journal record; each call is a Task and a Choice state, each child execution is
 * started and ends in a Succeed state; the sync state machine times out after a day (workflow/syncStateMachine.ts).
 */
export const WORKFLOW = {
  callSeconds: 600,
  chunkSeconds: 1,
  syncTimeoutSeconds: 24 * 3600,
  transitionsPerCall: 2,
  transitionsPerChild: 2,
} as const;

/** The share of items a delta finds different, in the examples. */
export const CHANGED_SHARE = 0.01;

/** The tables of the worked examples. */
export const EXAMPLE_SIZES = [
  { label: '10 GB', bytes: 10 * AWS.gigabyte },
  { label: '1 TB', bytes: 1024 * AWS.gigabyte },
  { label: '10 TB', bytes: 10 * 1024 * AWS.gigabyte },
] as const;

/** The Distributed Maps a mode runs, in order; each lists what every worker does on its segment, in turn. */
const MAPS: Readonly<Record<SyncMode, readonly (readonly WorkerOperation[])[]>> = {
  reset: [['empty'], ['copy'], ['digest', 'digest']],
  delta: [['delta'], ['digest', 'digest']],
};
/** Table scans per item, and writes per item as a share of the items. */
const SCANS: Record<WorkerOperation, number> = { copy: 1, empty: 1, delta: 2, digest: 1 };
const WRITES: Record<WorkerOperation, number> = { copy: 1, empty: 1, delta: CHANGED_SHARE, digest: 0 };

export interface Capacity {
  readonly partitions: number;
  readonly writeUnitsPerSecond: number;
  readonly readUnitsPerSecond: number;
}

export interface Plan {
  readonly workers: number;
  readonly syncSeconds: number;
  readonly verifySeconds: number;
}

export interface Example {
  readonly size: string;
  readonly mode: SyncMode;
  readonly items: number;
  readonly capacity: Capacity;
  /** vCPUs the engine needs to keep up with the table's capacity, at the measured CPU per item. */
  readonly vcpus: number;
  /** With today's workflow (its journal record caps the workers). */
  readonly today: Plan;
  /** With workers capped only by AWS (Lambda concurrency, Distributed Map). */
  readonly awsLimited: Plan;
  readonly rtoMinutes: { readonly least: number; readonly usual: number };
  readonly exceedsSyncTimeout: boolean;
  readonly cost: Cost;
}

export interface Cost {
  readonly lambdaGbSeconds: number;
  readonly lambdaRequests: number;
  readonly stateTransitions: number;
  readonly writeRequestUnits: number;
  readonly readRequestUnits: number;
  readonly lambdaUsd: number;
  readonly stepFunctionsUsd: number;
  readonly capacityUsd: number;
}

/** A table's copy and reset by the tools dynamo-dr replaces, against dynamo-dr's, in seconds. */
export interface Comparison {
  readonly size: string;
  readonly referenceResetSeconds: number;
  readonly resetSeconds: number;
  readonly copyDynamodbTableSeconds: number;
  readonly copySeconds: number;
}

export interface RtoModel {
  readonly perWorker: Readonly<Record<WorkerOperation, number>>;
  readonly cpuBoundPerWorker: Readonly<Record<WorkerOperation, number>>;
  readonly journalWorkers: number;
  readonly maxWorkersToday: number;
  readonly maxWorkersAws: number;
  readonly examples: readonly Example[];
  /** Items a second of the one-thread tools on AWS: one round trip per call, 25 items per BatchWriteItem. */
  readonly referenceResetPerSecond: number;
  readonly copyDynamodbTablePerSecond: number;
  readonly comparisons: readonly Comparison[];
}

/**
 * The RTO model: PITR restore (AWS's figures) + sync + verification, where each Distributed Map of the sync runs
 * `workers` one-segment workers and a table of `n` items syncs at items / min(table capacity, workers × per-worker
 * rate). A worker's rate is the measured one (under AWS-like latency, on a machine it shares with the sandbox),
 * or what one vCPU allows at the measured CPU per item, whichever is lower.
 */
export function rtoModel(measured: MeasuredFigures): RtoModel {
  const operations = Object.keys(SCANS) as WorkerOperation[];
  const cpuBoundPerWorker = mapOperations(operations, (op) => 1e6 / measured.worker[op].engineCpuMicrosPerItem);
  const perWorker = mapOperations(operations, (op) =>
    Math.min(measured.worker[op].itemsPerSecond, cpuBoundPerWorker[op]),
  );
  const journalWorkers = journalRecordWorkers(measured.checkpointBytes);
  const maxWorkersAws = Math.min(AWS.lambdaConcurrency, AWS.distributedMapChildren);
  const maxWorkersToday = Math.min(maxWorkersAws, journalWorkers);
  const examples = EXAMPLE_SIZES.flatMap((size) =>
    (['delta', 'reset'] as const).map((mode): Example => {
      const items = size.bytes / measured.itemBytes;
      const capacity = tableCapacity(size.bytes);
      const rate = itemRates(measured.itemBytes, capacity);
      const today = plan(mode, items, rate, perWorker, maxWorkersToday);
      const minutes = (today.syncSeconds + today.verifySeconds) / 60;
      return {
        size: size.label,
        mode,
        items,
        capacity,
        vcpus: Math.max(
          ...MAPS[mode].flat().map((op) => Math.ceil((rate[op] * measured.worker[op].engineCpuMicrosPerItem) / 1e6)),
        ),
        today,
        awsLimited: plan(mode, items, rate, perWorker, maxWorkersAws),
        rtoMinutes: { least: AWS.pitrRestoreMinutes.least + minutes, usual: AWS.pitrRestoreMinutes.usual + minutes },
        exceedsSyncTimeout: today.syncSeconds + today.verifySeconds > WORKFLOW.syncTimeoutSeconds,
        cost: cost(mode, items, measured.itemBytes, today, rate, perWorker),
      };
    }),
  );
  const roundTrip = (measured.latency.write.fixedMs + measured.latency.write.jitterMs / 2) / 1000;
  // The reference reset writes every item twice (a delete, then a put), 25 a call, one call at a time, and scans
  // both tables in pages of 2,000; copy-dynamodb-table scans 25 items and writes them, in turn. Each is held to
  // what its own CPU per item allows, as measured.
  const referenceResetPerSecond = Math.min(
    1 / (2 * (roundTrip / 25) + 2 * (roundTrip / 2000)),
    1e6 / measured.seedReset.engineCpuMicrosPerItem,
  );
  const copyDynamodbTablePerSecond = Math.min(
    25 / (2 * roundTrip),
    1e6 / measured.copyDynamodbTable.engineCpuMicrosPerItem,
  );
  const comparisons = EXAMPLE_SIZES.map((size): Comparison => {
    const items = size.bytes / measured.itemBytes;
    const rate = itemRates(measured.itemBytes, tableCapacity(size.bytes));
    const reset = plan('reset', items, rate, perWorker, maxWorkersToday);
    return {
      size: size.label,
      referenceResetSeconds: items / referenceResetPerSecond,
      resetSeconds: reset.syncSeconds + reset.verifySeconds,
      copyDynamodbTableSeconds: items / copyDynamodbTablePerSecond,
      copySeconds: items / Math.min(rate.copy, reset.workers * perWorker.copy),
    };
  });
  return {
    perWorker,
    cpuBoundPerWorker,
    journalWorkers,
    maxWorkersToday,
    maxWorkersAws,
    examples,
    referenceResetPerSecond,
    copyDynamodbTablePerSecond,
    comparisons,
  };
}

/**
 * A table's capacity: AWS's per-table quota, or less when it has few partitions. The model assumes the fewest
 * partitions its size needs (10 GB each), and at least what a new on-demand table sustains; a table that served
 * more traffic before, or was pre-warmed, has more, up to the quota.
 */
function tableCapacity(bytes: number): Capacity {
  const partitions = Math.ceil(bytes / AWS.partitionBytes);
  return {
    partitions,
    writeUnitsPerSecond: Math.min(
      AWS.tableUnitsPerSecond,
      Math.max(AWS.newTableWriteUnitsPerSecond, partitions * AWS.partitionWriteUnitsPerSecond),
    ),
    readUnitsPerSecond: Math.min(
      AWS.tableUnitsPerSecond,
      Math.max(AWS.newTableReadUnitsPerSecond, partitions * AWS.partitionReadUnitsPerSecond),
    ),
  };
}

/** Items a second each operation can go at before its tables' capacity stops it (each table has its own). */
function itemRates(itemBytes: number, capacity: Capacity): Record<WorkerOperation, number> {
  const writes = capacity.writeUnitsPerSecond / writeUnitsPerItem(itemBytes);
  const scans = capacity.readUnitsPerSecond / scanReadUnitsPerItem(itemBytes);
  return {
    copy: Math.min(writes, scans),
    empty: Math.min(writes, scans),
    delta: Math.min(scans, writes / CHANGED_SHARE),
    digest: scans,
  };
}

/** Each put or delete is rounded up to whole KB on its own. */
const writeUnitsPerItem = (itemBytes: number) => Math.ceil(itemBytes / AWS.writeUnitBytes);
/** A Scan page adds up its items' sizes before rounding, eventually consistent: about this much per item. */
const scanReadUnitsPerItem = (itemBytes: number) => (itemBytes / AWS.readUnitBytes) * AWS.eventuallyConsistentReadShare;

/** Workers enough for the fastest phase its capacity allows, at most `maxWorkers`; each phase's time. */
function plan(
  mode: SyncMode,
  items: number,
  capacityRate: Record<WorkerOperation, number>,
  perWorker: Record<WorkerOperation, number>,
  maxWorkers: number,
): Plan {
  const ops = MAPS[mode].flat();
  const workers = Math.min(maxWorkers, Math.max(...ops.map((op) => Math.ceil(capacityRate[op] / perWorker[op]))));
  const seconds = (op: WorkerOperation) => items / Math.min(capacityRate[op], workers * perWorker[op]);
  const [verify, ...sync] = [...MAPS[mode]].reverse();
  return {
    workers,
    syncSeconds: sync.flat().reduce((sum, op) => sum + seconds(op), 0),
    verifySeconds: verify!.reduce((sum, op) => sum + seconds(op), 0),
  };
}

/** What a run costs: Lambda (workers busy the whole phase), Step Functions transitions, on-demand capacity. */
function cost(
  mode: SyncMode,
  items: number,
  itemBytes: number,
  { workers }: Plan,
  capacityRate: Record<WorkerOperation, number>,
  perWorker: Record<WorkerOperation, number>,
): Cost {
  let lambdaSeconds = 0;
  let lambdaRequests = 0;
  let stateTransitions = 0;
  let writeRequestUnits = 0;
  let readRequestUnits = 0;
  for (const map of MAPS[mode]) {
    const mapSeconds = map.reduce((sum, op) => sum + items / Math.min(capacityRate[op], workers * perWorker[op]), 0);
    const calls = workers * Math.ceil(mapSeconds / WORKFLOW.callSeconds);
    lambdaSeconds += workers * mapSeconds;
    lambdaRequests += calls;
    stateTransitions += workers * WORKFLOW.transitionsPerChild + calls * WORKFLOW.transitionsPerCall;
    for (const op of map) {
      writeRequestUnits += items * WRITES[op] * writeUnitsPerItem(itemBytes);
      readRequestUnits += items * SCANS[op] * scanReadUnitsPerItem(itemBytes);
    }
  }
  const lambdaGbSeconds = lambdaSeconds * AWS.lambdaMemoryGbPerVcpu;
  return {
    lambdaGbSeconds,
    lambdaRequests,
    stateTransitions,
    writeRequestUnits,
    readRequestUnits,
    lambdaUsd: lambdaGbSeconds * AWS.lambdaGbSecondUsd + lambdaRequests * AWS.lambdaRequestUsd,
    stepFunctionsUsd: stateTransitions * AWS.stateTransitionUsd,
    capacityUsd: writeRequestUnits * AWS.writeRequestUnitUsd + readRequestUnits * AWS.readRequestUnitUsd,
  };
}

/**
 * Workers the run's journal record allows: every running segment's checkpoints live in that one item, which each
 * worker rewrites after every chunk. An item is at most 400 KB and lives on one partition (1,000 write units a
 * second), so `w` workers need w × ⌈w × checkpointBytes / 1 KB⌉ write units a chunk. The record's other fields
 * are left out, so the true limit is lower still; optimistic-locking conflicts between writers lower it too.
 */
function journalRecordWorkers(checkpointBytes: number): number {
  let workers = 1;
  const fits = (w: number) =>
    w * checkpointBytes <= AWS.itemBytesMax &&
    (w * Math.ceil((w * checkpointBytes) / AWS.writeUnitBytes)) / WORKFLOW.chunkSeconds <=
      AWS.partitionWriteUnitsPerSecond;
  while (fits(workers + 1)) workers += 1;
  return workers;
}

function mapOperations(
  operations: readonly WorkerOperation[],
  value: (op: WorkerOperation) => number,
): Record<WorkerOperation, number> {
  return Object.fromEntries(operations.map((op) => [op, value(op)])) as Record<WorkerOperation, number>;
}
