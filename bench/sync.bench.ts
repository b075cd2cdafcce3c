// The sync engine under AWS-like conditions, all in one run on one sandbox (in its own process): every DynamoDB
// request takes 5–10 ms (each operation class), and every table counts capacity units as AWS does, capped at AWS's
// default per-table quota. On the same N items (SYNC_BENCH_ITEMS, default 100k): the raw write ceiling; copyTable,
// emptyTable, deltaSync (1% changed) and a reset (empty + copy); the npm package copy-dynamodb-table; the reference
// system's reset (bench/referenceReset.ts); one Lambda worker's rate and CPU per item (syncSegment, one segment of one);
// use of a capped table's write capacity. Prints a table with each target beside its figure and writes
// bench/results/sync.json, which bench/rtoModel.ts reads. Absolute numbers depend on the machine and its load; the
// ratios, measured minutes apart on the same sandbox, are what to read.
import { loadavg } from 'node:os';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  copyTable,
  deltaSync,
  digestTable,
  emptyTable,
  syncSegment,
  type SyncOperation,
  type SyncProgress,
} from '@dynamo-dr/core';
import { writeBenchResults } from './writeBenchResults.js';
import { benchClient, createTable, diverge, rawWrite } from './benchTables.js';
import { loadTable } from './loadTable.js';
import { AWS_LIKE_LATENCY, measureRun, type RunMeasure } from './measureRun.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { referenceReset } from './referenceReset.js';
import { copyDynamodbTable } from './peerCopy.js';

const N = Number(process.env.SYNC_BENCH_ITEMS ?? 100_000);
/** Items of the one-worker runs: enough for a steady rate, few enough to keep the run short. */
const W = Math.min(N, 20_000);
/** The targets. */
const TARGETS = { copyVsCopyDynamodbTable: 10, resetVsSeedReset: 10, deltaFewerWriteUnits: 20, capShare: 0.9 };

const sandbox = await startSandboxProcess();
const client = benchClient(sandbox.endpoint);
const log = (m: string) => console.error(`[sync.bench] ${m}`);
const results: Record<string, unknown> = {
  items: N,
  latency: AWS_LIKE_LATENCY,
  startedAt: new Date().toISOString(),
  loadAverageAtStart: loadavg()[0],
};

try {
  const source = await loadTable(client, 'source', 0, N);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: 'source' }));
  // The sandbox sizes items by AWS's rules (TableSizeBytes), which is what capacity units follow.
  const itemBytes = Table!.TableSizeBytes! / Table!.ItemCount!;
  results.itemBytes = itemBytes;
  await sandbox.setLatency(AWS_LIKE_LATENCY);

  // 1. Raw ceiling: a tight BatchWriteItem loop at several concurrencies, on a slice.
  const probes: Record<string, number> = {};
  for (const concurrency of [16, 32, 64]) {
    const probe = await createTable(client, `raw-${concurrency}`);
    const m = await measureRun(sandbox, [probe.tableName], W, () => rawWrite(probe, 0, W, concurrency));
    probes[concurrency] = m.itemsPerSecond;
    log(`raw write at concurrency ${concurrency}: ${m.itemsPerSecond.toFixed(0)} items/s`);
  }
  const [bestConcurrency, raw] = Object.entries(probes).sort((a, b) => b[1] - a[1])[0]!;
  results.raw = { probes, bestConcurrency: Number(bestConcurrency), ceilingItemsPerSecond: raw };

  // 2. copyTable into an empty table, with the time of its sync phase (before verification).
  const target = await createTable(client, 'copy');
  const copyClock = syncPhaseClock();
  const copy = await measureRun(sandbox, [source.tableName, target.tableName], N, () =>
    copyClock.run(() => copyTable(source, target, { onProgress: copyClock.onProgress })),
  );
  const expected = copy.value.source!;
  const copyPhaseSeconds = copyClock.seconds();
  log(`copyTable: ${copy.seconds.toFixed(1)} s`);

  // 3. copy-dynamodb-table through its library API, on the same data.
  const peerTarget = await createTable(client, 'peer');
  const peer = await measureRun(sandbox, [source.tableName, peerTarget.tableName], N, () =>
    copyDynamodbTable(source.tableName, peerTarget.tableName, {
      region: 'us-east-1',
      endpoint: sandbox.endpoint,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    }),
  );
  const peerComplete = (await digestTable(peerTarget)).digest === expected.digest;
  log(`copy-dynamodb-table: ${peer.seconds.toFixed(1)} s, complete: ${peerComplete}`);

  // 4. deltaSync with 1% of the items changed; then, from the same 1% change, our reset: emptyTable + copyTable.
  const changed = Math.round(N / 100);
  await diverge(target, N, changed);
  const delta = await measureRun(sandbox, [source.tableName, target.tableName], N, () => deltaSync(source, target));
  log(`deltaSync (${changed} differences): ${delta.seconds.toFixed(1)} s`);
  await diverge(target, N, changed);
  const emptied = await measureRun(sandbox, [target.tableName], N, () => emptyTable(target));
  const refilled = await measureRun(sandbox, [source.tableName, target.tableName], N, () => copyTable(source, target));
  const reset = sumOf(emptied, refilled);
  log(`reset: emptyTable ${emptied.seconds.toFixed(1)} s + copyTable ${refilled.seconds.toFixed(1)} s`);

  // 5. The reference system's reset, from the same 1% change.
  await diverge(peerTarget, N, changed);
  const seed = await measureRun(sandbox, [source.tableName, peerTarget.tableName], N, () =>
    referenceReset(source, peerTarget),
  );
  const seedComplete = (await digestTable(peerTarget)).digest === expected.digest;
  log(`reference reset: ${seed.seconds.toFixed(1)} s, complete: ${seedComplete}`);

  // 6. One Lambda worker: syncSegment on segment 0 of 1, as a Map iteration runs it, on W items.
  const workers = await oneWorker();
  // What one running segment adds to the run's journal record (its checkpoints, rewritten after every chunk).
  const unfinished = await syncSegment({
    operation: 'digest',
    source: location('worker-source'),
    segment: 0,
    totalSegments: 1,
    timeBudgetMs: 0,
  });
  const checkpointBytes = Buffer.byteLength(JSON.stringify(unfinished.checkpoints));

  // 7. A destination capped at CAP write units/s that the engine is not told about (adaptive), then told. The cap
  // sits well below what this machine can write (a quarter of the ceiling): what is measured is the engine finding
  // and holding the cap, not the machine running out of breath; 15 s of writes at the cap.
  const cap = Math.max(100, Math.round(raw / 4 / 100) * 100);
  const capped = {
    capUnitsPerSecond: cap,
    adaptive: await cappedCopy(cap, false),
    capGiven: await cappedCopy(cap, true),
  };

  const ratios = {
    copyVsRaw: copy.itemsPerSecond / raw,
    copyVsCopyDynamodbTable: peer.seconds / copy.seconds,
    resetVsSeedReset: seed.seconds / reset.seconds,
    copyPhaseVsSeedCopyPhase: seed.value.copySeconds / refilled.seconds,
    deltaVsReset: reset.seconds / delta.seconds,
    deltaFewerWriteUnits: reset.writeUnits / delta.writeUnits,
  };
  Object.assign(results, {
    copyTable: { ...withoutValue(copy), syncPhaseSeconds: copyPhaseSeconds, verified: copy.value.destination },
    copyDynamodbTable: { ...withoutValue(peer), complete: peerComplete },
    deltaSync: { ...withoutValue(delta), changed, counts: delta.value.counts },
    emptyTable: withoutValue(emptied),
    reset: { ...reset, empty: withoutValue(emptied), copy: withoutValue(refilled) },
    seedReset: { ...withoutValue(seed), ...seed.value, complete: seedComplete },
    worker: workers,
    checkpointBytes,
    capped,
    ratios,
    loadAverageAtEnd: loadavg()[0],
  });

  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const rate = (m: RunMeasure) => `${m.itemsPerSecond.toFixed(0)} items/s`;
  const units = (m: { writeUnits: number; readUnits: number }) =>
    `${m.writeUnits.toFixed(0)} WCU, ${m.readUnits.toFixed(0)} RCU`;
  const rows: [string, string, string][] = [
    ['raw BatchWriteItem ceiling', `${raw.toFixed(0)} items/s (concurrency ${bestConcurrency})`, ''],
    ['copyTable (incl. verification)', `${rate(copy)} = ${ratios.copyVsRaw.toFixed(2)}x raw; ${units(copy)}`, ''],
    [
      'copy-dynamodb-table',
      `${rate(peer)}; copyTable ${ratios.copyVsCopyDynamodbTable.toFixed(1)}x faster; ${units(peer)}`,
      `>= ${TARGETS.copyVsCopyDynamodbTable}x: ${met(ratios.copyVsCopyDynamodbTable >= TARGETS.copyVsCopyDynamodbTable && peerComplete)}`,
    ],
    ['emptyTable', `${rate(emptied)}; ${units(emptied)}`, ''],
    ['reset (emptyTable + copyTable)', `${reset.seconds.toFixed(1)} s; ${units(reset)}`, ''],
    [
      'reference reset (referenceReset.ts)',
      `${seed.seconds.toFixed(1)} s; reset ${ratios.resetVsSeedReset.toFixed(1)}x faster; ${units(seed)}`,
      `>= ${TARGETS.resetVsSeedReset}x: ${met(ratios.resetVsSeedReset >= TARGETS.resetVsSeedReset && seedComplete)}`,
    ],
    [
      'copy phase vs reference copy phase',
      `${refilled.seconds.toFixed(1)} s vs ${seed.value.copySeconds.toFixed(1)} s = ${ratios.copyPhaseVsSeedCopyPhase.toFixed(1)}x`,
      '',
    ],
    [
      'deltaSync, 1% changed: time',
      `${delta.seconds.toFixed(1)} s = ${ratios.deltaVsReset.toFixed(1)}x faster than reset; ${units(delta)}`,
      '',
    ],
    [
      'deltaSync, 1% changed: write units',
      `${ratios.deltaFewerWriteUnits.toFixed(0)}x fewer than reset`,
      `>= ${TARGETS.deltaFewerWriteUnits}x: ${met(ratios.deltaFewerWriteUnits >= TARGETS.deltaFewerWriteUnits)}`,
    ],
    ...Object.entries(workers).map(([operation, m]): [string, string, string] => [
      `one worker: ${operation}`,
      `${rate(m)}; engine CPU ${m.engineCpuMicrosPerItem.toFixed(0)} µs/item (sandbox ${m.sandboxCpuMicrosPerItem.toFixed(0)})`,
      '',
    ]),
    ...(['adaptive', 'capGiven'] as const).map((mode): [string, string, string] => [
      `capped table, ${mode === 'adaptive' ? 'cap unknown' : 'cap given'}`,
      `${(capped[mode].shareOfCap * 100).toFixed(1)}% of ${cap} WCU/s, ${capped[mode].lost} lost`,
      `>= ${TARGETS.capShare * 100}%, 0 lost: ${met(capped[mode].shareOfCap >= TARGETS.capShare && capped[mode].lost === 0)}`,
    ]),
  ];
  console.log(
    `sync engine, ${N} items of ${itemBytes.toFixed(0)} B, every request 5-10 ms, capacity counted ` +
      `(load average ${(results.loadAverageAtStart as number).toFixed(1)})`,
  );
  console.table(rows.map(([measure, result, goal]) => ({ measure, result, target: goal })));
  await writeBenchResults('sync', results);
} finally {
  await sandbox.stop();
}

/** Times a sync until its verification starts, from its progress events. */
function syncPhaseClock() {
  let begin = 0;
  let verifyAt = 0;
  return {
    run<T>(sync: () => Promise<T>): Promise<T> {
      begin = performance.now();
      return sync();
    },
    onProgress(progress: SyncProgress): void {
      if (progress.phase === 'verify' && !verifyAt) verifyAt = performance.now();
    },
    seconds: () => ((verifyAt || performance.now()) - begin) / 1000,
  };
}

function withoutValue<T extends RunMeasure>(measure: T & { value?: unknown }): RunMeasure {
  const { value: _value, ...rest } = measure;
  return rest;
}

/** Two runs one after the other, as one: times, units and CPU add. */
function sumOf(a: RunMeasure, b: RunMeasure): RunMeasure {
  const seconds = a.seconds + b.seconds;
  return {
    items: a.items,
    seconds,
    itemsPerSecond: a.items / seconds,
    engineCpuMicrosPerItem: a.engineCpuMicrosPerItem + b.engineCpuMicrosPerItem,
    sandboxCpuMicrosPerItem: a.sandboxCpuMicrosPerItem + b.sandboxCpuMicrosPerItem,
    writeUnits: a.writeUnits + b.writeUnits,
    readUnits: a.readUnits + b.readUnits,
    requests: a.requests + b.requests,
    throttledRequests: a.throttledRequests + b.throttledRequests,
    unprocessedItems: a.unprocessedItems + b.unprocessedItems,
  };
}

/** A table as a Lambda worker's request names it. */
function location(tableName: string) {
  return { tableName, endpoint: sandbox.endpoint, region: 'us-east-1' };
}

/** One Lambda worker's rate and CPU per item, per operation: syncSegment on segment 0 of 1 of W items. */
async function oneWorker(): Promise<Record<SyncOperation, RunMeasure>> {
  const from = await loadTable(client, 'worker-source', 0, W);
  const to = await createTable(client, 'worker-destination');
  const segment = (operation: SyncOperation) =>
    syncSegment({
      operation,
      source: operation === 'empty' ? undefined : location(from.tableName),
      destination: operation === 'digest' ? undefined : location(to.tableName),
      segment: 0,
      totalSegments: 1,
    });
  const both = [from.tableName, to.tableName];
  const measured = {
    copy: await measureRun(sandbox, both, W, () => segment('copy')),
    digest: await measureRun(sandbox, [from.tableName], W, () => segment('digest')),
    delta: await (async () => {
      await diverge(to, W, Math.round(W / 100));
      return measureRun(sandbox, both, W, () => segment('delta'));
    })(),
    empty: await measureRun(sandbox, [to.tableName], W, () => segment('empty')),
  };
  for (const [operation, m] of Object.entries(measured)) {
    log(
      `one worker, ${operation}: ${m.itemsPerSecond.toFixed(0)} items/s, ${m.engineCpuMicrosPerItem.toFixed(0)} µs/item`,
    );
  }
  return Object.fromEntries(Object.entries(measured).map(([k, m]) => [k, withoutValue(m)])) as Record<
    SyncOperation,
    RunMeasure
  >;
}

async function cappedCopy(cap: number, told: boolean) {
  const items = cap * 15;
  const slice = await loadTable(client, `capped-source-${told}`, 0, items);
  const target = await createTable(client, `capped-${told}`);
  const clock = syncPhaseClock();
  const m = await measureRun(
    sandbox,
    [target.tableName],
    items,
    () =>
      clock.run(() =>
        copyTable(slice, target, { maxWriteUnitsPerSecond: told ? cap : undefined, onProgress: clock.onProgress }),
      ),
    { writeUnitsPerSecond: cap },
  );
  const writeSeconds = clock.seconds();
  // The sandbox's bucket starts full with one second of burst (docs/sandbox-faults.md): allowed = cap x (t + 1).
  const shareOfCap = items / (cap * (writeSeconds + 1));
  log(`capped at ${cap} WCU/s (${told ? 'cap given' : 'adaptive'}): ${(shareOfCap * 100).toFixed(1)}% of capacity`);
  return { items, writeSeconds, shareOfCap, lost: items - m.value.destination.count };
}
