// The sync engine's benchmark (issue 3), all in one run on one sandbox (in its own process):
// raw write ceiling, copyTable, emptyTable, deltaSync (1% changed) and the npm package copy-dynamodb-table on
// the same 100k items; peak RSS at 50k vs 200k items; use of a capped table's write capacity.
// Prints a table and writes bench/results/sync.json. Absolute numbers depend on the machine and its load;
// the ratios, measured minutes apart on the same sandbox, are what to read.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { copyTable, deltaSync, digestTable, emptyTable, type SyncProgress, type TableRef } from '@dynamo-dr/core';
import { benchClient, benchItem, createTable, rawWrite } from './benchTables.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { SOURCE_NODE_ARGS } from '../scripts/sourceRun.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.SYNC_BENCH_ITEMS ?? 100_000);

const sandbox = await startSandboxProcess();
const client = benchClient(sandbox.endpoint);
const results: Record<string, unknown> = { items: N, itemBytes: 200, startedAt: new Date().toISOString() };
const rows: [string, string, string][] = [];
const seconds = (ms: number) => ms / 1000;
const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, seconds(performance.now() - started)];
};
const log = (m: string) => console.error(`[sync.bench] ${m}`);

try {
  // 1. Raw ceiling: find the best concurrency on a slice, then fill the source with it.
  const probes: Record<string, number> = {};
  for (const concurrency of [8, 16, 32]) {
    const probe = await createTable(client, `raw-${concurrency}`);
    probes[concurrency] = await rawWrite(probe, 0, Math.min(N, 25_000), concurrency);
    log(`raw write at concurrency ${concurrency}: ${probes[concurrency]!.toFixed(0)} items/s`);
  }
  const best = Number(Object.entries(probes).sort((a, b) => b[1] - a[1])[0]![0]);
  const source = await createTable(client, 'source');
  const fill = await rawWrite(source, 0, N, best);
  const raw = Math.max(fill, ...Object.values(probes));
  log(`raw write of ${N} items at concurrency ${best}: ${fill.toFixed(0)} items/s`);
  results.raw = { probes, bestConcurrency: best, fillItemsPerSecond: fill, ceilingItemsPerSecond: raw };
  // The cap sits well below what this machine can write (a quarter of the ceiling), so that what is measured is
  // the engine finding and holding the cap, not the machine running out of breath; 15 s of writes at the cap.
  const CAP = Math.max(100, Math.round(raw / 4 / 100) * 100);
  const CAPPED_ITEMS = CAP * 15;

  // 2. copyTable, with the time of its sync phase (before verification) from its progress events.
  const copyTarget = await createTable(client, 'copy');
  let verifyAt = 0;
  const started = performance.now();
  const [copied, copySeconds] = await timed(() =>
    copyTable(source, copyTarget, {
      onProgress: (p: SyncProgress) => {
        if (p.phase === 'verify' && !verifyAt) verifyAt = performance.now();
      },
    }),
  );
  const copyPhase = seconds((verifyAt || performance.now()) - started);
  const copyRate = N / copySeconds;
  log(`copyTable: ${copySeconds.toFixed(1)} s (${copyPhase.toFixed(1)} s before verification)`);
  results.copyTable = {
    seconds: copySeconds,
    syncPhaseSeconds: copyPhase,
    itemsPerSecond: copyRate,
    verified: copied.destination,
  };

  // 3. copy-dynamodb-table through its library API, on the same data.
  const peerTarget = await createTable(client, 'peer');
  const [, peerSeconds] = await timed(() => copyDynamodbTable(source.tableName, peerTarget.tableName));
  const peerDigest = await digestTable(peerTarget);
  log(`copy-dynamodb-table: ${peerSeconds.toFixed(1)} s`);
  results.copyDynamodbTable = {
    seconds: peerSeconds,
    itemsPerSecond: N / peerSeconds,
    complete: peerDigest.digest === copied.source!.digest,
  };

  // 4. deltaSync with 1% of the items changed, vs emptyTable + copyTable on the same tables.
  const changed = Math.round(N / 100);
  await diverge(copyTarget, changed);
  const [delta, deltaSeconds] = await timed(() => deltaSync(source, copyTarget));
  log(`deltaSync (${changed} differences): ${deltaSeconds.toFixed(1)} s`);
  await diverge(peerTarget, changed);
  const [emptied, emptySeconds] = await timed(() => emptyTable(peerTarget));
  const [, recopySeconds] = await timed(() => copyTable(source, peerTarget));
  log(`emptyTable: ${emptySeconds.toFixed(1)} s, then copyTable: ${recopySeconds.toFixed(1)} s`);
  results.deltaSync = { changed, seconds: deltaSeconds, counts: delta.counts };
  results.emptyTable = { seconds: emptySeconds, itemsPerSecond: emptied.counts.deleted / emptySeconds };
  results.emptyThenCopy = { seconds: emptySeconds + recopySeconds };

  // 5. Peak RSS of a copy at 50k and 200k items, each in a fresh process.
  const rss: Record<string, number> = {};
  for (const size of [50_000, 200_000].map((s) => Math.round((s * N) / 100_000))) {
    const from = await createTable(client, `rss-source-${size}`);
    await rawWrite(from, 0, size, best);
    await createTable(client, `rss-copy-${size}`);
    rss[size] = await copyInChild(from.tableName, `rss-copy-${size}`);
    log(`peak RSS copying ${size} items: ${rss[size]!.toFixed(0)} MB`);
  }
  const [small, large] = Object.values(rss) as [number, number];
  results.peakRss = { megabytes: rss, ratio: large / small };

  // 6. A destination capped at CAP write units/s, that the engine is not told about (adaptive), then told.
  const capped: Record<string, unknown> = {};
  for (const told of [false, true]) {
    const target = await createTable(client, `capped-${told}`);
    const slice = await createTable(client, `capped-source-${told}`);
    await rawWrite(slice, 0, CAPPED_ITEMS, best);
    await sandbox.setFaults(target.tableName, { writeUnitsPerSecond: CAP });
    let syncEnd = 0;
    const begin = performance.now();
    const result = await copyTable(slice, target, {
      maxWriteUnitsPerSecond: told ? CAP : undefined,
      onProgress: (p) => {
        if (p.phase === 'verify' && !syncEnd) syncEnd = performance.now();
      },
    });
    const writeSeconds = seconds((syncEnd || performance.now()) - begin);
    await sandbox.setFaults(target.tableName, undefined);
    // The sandbox's bucket starts full with one second of burst (docs/sandbox-faults.md): allowed = CAP x (t + 1).
    const share = CAPPED_ITEMS / (CAP * (writeSeconds + 1));
    capped[told ? 'capGiven' : 'adaptive'] = {
      items: CAPPED_ITEMS,
      writeSeconds,
      shareOfCap: share,
      lost: CAPPED_ITEMS - result.destination.count,
    };
    log(`capped at ${CAP} WCU/s (${told ? 'cap given' : 'adaptive'}): ${(share * 100).toFixed(1)}% of capacity`);
  }
  results.capped = { capUnitsPerSecond: CAP, ...capped };

  const ratios = {
    copyVsRaw: copyRate / raw,
    copyPhaseVsRaw: N / copyPhase / raw,
    deltaVsEmptyThenCopy: (emptySeconds + recopySeconds) / deltaSeconds,
    copyVsCopyDynamodbTable: peerSeconds / copySeconds,
    rss200kVs50k: large / small,
    adaptiveShareOfCap: (capped.adaptive as { shareOfCap: number }).shareOfCap,
    givenCapShareOfCap: (capped.capGiven as { shareOfCap: number }).shareOfCap,
  };
  results.ratios = ratios;
  const target = (ok: boolean) => (ok ? 'met' : 'MISSED');
  rows.push(
    ['raw BatchWriteItem ceiling', `${raw.toFixed(0)} items/s (concurrency ${best})`, ''],
    [
      'copyTable (incl. verification)',
      `${copyRate.toFixed(0)} items/s = ${ratios.copyVsRaw.toFixed(2)}x raw`,
      `>= 0.85x: ${target(ratios.copyVsRaw >= 0.85)}`,
    ],
    ['copyTable sync phase only', `${ratios.copyPhaseVsRaw.toFixed(2)}x raw`, ''],
    [
      'copy-dynamodb-table',
      `${(N / peerSeconds).toFixed(0)} items/s; copyTable is ${ratios.copyVsCopyDynamodbTable.toFixed(1)}x faster`,
      `>= 5x: ${target(ratios.copyVsCopyDynamodbTable >= 5)}`,
    ],
    ['emptyTable', `${(emptied.counts.deleted / emptySeconds).toFixed(0)} items/s`, ''],
    [
      'deltaSync, 1% changed',
      `${deltaSeconds.toFixed(1)} s vs empty+copy ${(emptySeconds + recopySeconds).toFixed(1)} s = ${ratios.deltaVsEmptyThenCopy.toFixed(1)}x faster`,
      `>= 5x: ${target(ratios.deltaVsEmptyThenCopy >= 5)}`,
    ],
    [
      'peak RSS 200k / 50k',
      `${large.toFixed(0)} MB / ${small.toFixed(0)} MB = ${ratios.rss200kVs50k.toFixed(2)}`,
      `<= 1.3: ${target(ratios.rss200kVs50k <= 1.3)}`,
    ],
    [
      'capped table, cap unknown',
      `${(ratios.adaptiveShareOfCap * 100).toFixed(1)}% of ${CAP} WCU/s, 0 lost`,
      `>= 90%: ${target(ratios.adaptiveShareOfCap >= 0.9)}`,
    ],
    [
      'capped table, cap given',
      `${(ratios.givenCapShareOfCap * 100).toFixed(1)}% of ${CAP} WCU/s, 0 lost`,
      `>= 90%: ${target(ratios.givenCapShareOfCap >= 0.9)}`,
    ],
  );
  console.log(`sync engine, ${N} items of ~200 B, sandbox in its own process`);
  console.table(rows.map(([measure, result, goal]) => ({ measure, result, target: goal })));
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results', 'sync.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await sandbox.stop();
}

/** Makes `table` differ from the source in `count` items: a third changed, a third deleted, a third extra. */
async function diverge(table: TableRef, count: number): Promise<void> {
  const requests = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor((k * N) / count);
    if (k % 3 === 0) requests.push({ PutRequest: { Item: benchItem(i, 1) } });
    else if (k % 3 === 1) requests.push({ DeleteRequest: { Key: { pk: benchItem(i).pk!, sk: benchItem(i).sk! } } });
    else requests.push({ PutRequest: { Item: benchItem(N + k) } });
  }
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    while (pending.length) {
      const out = await table.client.send(new BatchWriteItemCommand({ RequestItems: { [table.tableName]: pending } }));
      pending = (out.UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
    }
  }
}

/** copy-dynamodb-table's own API (callback style), with its AWS SDK v2 pointed at the sandbox. */
function copyDynamodbTable(source: string, destination: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const { copy } = require('copy-dynamodb-table') as {
    copy: (options: unknown, done: (error: unknown, result: { count: number }) => void) => void;
  };
  const config = { accessKeyId: 'x', secretAccessKey: 'y', region: 'us-east-1', endpoint: sandbox.endpoint };
  return new Promise((resolve, reject) =>
    copy({ config, source: { tableName: source }, destination: { tableName: destination }, log: false }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

function copyInChild(source: string, destination: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...SOURCE_NODE_ARGS,
        path.join(here, 'syncRss.ts'),
        JSON.stringify({ endpoint: sandbox.endpoint, source, destination }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve((JSON.parse(out.trim().split('\n').pop()!) as { peakRssMb: number }).peakRssMb)
        : reject(new Error(`RSS child failed (${code})`)),
    );
  });
}
