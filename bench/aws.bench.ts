// The sync benchmark's comparisons on real DynamoDB, where the server's CPU is not this machine's: opt-in, in the
// caller's account. Against the sandbox (bench/sync.bench.ts) the server shares the client's two cores, so a parallel
// engine cannot run faster than the sandbox writes; this run measures the same comparisons where it can.
//
//   DDR_BENCH_AWS_REGION=eu-west-1 npm run bench -- aws
//
// It creates on-demand tables named DDR_BENCH_AWS_PREFIX-* (default ddr-bench-<time>-<random>), tagged
// dynamo-dr:bench, loads AWS_BENCH_ITEMS items (default 100,000) and runs, on the same items: the raw write ceiling,
// copyTable, copy-dynamodb-table, deltaSync (1% changed), a reset (emptyTable + copyTable) and the reference reset.
// A new on-demand table takes 4,000 writes a second until its traffic grows: DDR_BENCH_AWS_WARM_WRITES (write units a
// second) pre-warms the tables written to (CreateTable's WarmThroughput, which AWS bills once), so that the parallel
// engine is not held to that while the one-thread tools never reach it.
// It prints the write request units it will spend and their list price before it starts, and deletes every table
// it created when it ends, whatever the outcome. Credentials come from the SDK's default chain; AWS_ENDPOINT_URL
// (an endpoint other than the Region's) is honoured, which is how the test runs it against the sandbox.
// Writes bench/results/aws.json (or into BENCH_RESULTS_DIR).
import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { copyTable, createDynamoDbClient, deltaSync, digestTable, emptyTable, type TableRef } from '@dynamo-dr/core';
import { AWS } from './awsFigures.js';
import { BENCH_TABLE, diverge, rawWrite } from './benchTables.js';
import { timed, type Timed } from './measureRun.js';
import { copyDynamodbTable } from './peerCopy.js';
import { referenceReset } from './referenceReset.js';
import { writeBenchResults } from './writeBenchResults.js';

/** The targets, as in the sandbox run. */
const TARGETS = { copyVsCopyDynamodbTable: 10, resetVsSeedReset: 10 };
const log = (m: string) => console.error(`[aws.bench] ${m}`);

const settings = awsBenchSettings(process.env);
if (!settings) {
  console.log(
    'aws.bench: skipped. It runs on real DynamoDB in your account, creating and deleting its own tables: set ' +
      'DDR_BENCH_AWS_REGION (e.g. DDR_BENCH_AWS_REGION=eu-west-1 npm run bench -- aws); docs/performance.md says what it costs.',
  );
  process.exit(0);
}
const { region, prefix, items: N, warmWrites } = settings;
/** Items of the raw-ceiling probe, as in the sandbox run. */
const W = Math.min(N, 20_000);
const changed = Math.max(1, Math.round(N / 100));

// Load, raw probe, copyTable, copy-dynamodb-table, empty + copy, reference delete + copy; the 1% changes three times.
const writeUnits = N + W + 2 * N + 2 * N + 2 * N + 3 * changed;
console.log(
  `aws.bench: ${region}, tables ${prefix}-*, ${N} items: about ${(writeUnits / 1e6).toFixed(2)} million write ` +
    `request units (~$${(writeUnits * AWS.writeRequestUnitUsd).toFixed(2)} at us-east-1's on-demand list price) and ` +
    'the reads of about a dozen scans of the table.',
);

/** The engine's client (SDK retries off: the engine retries and paces itself), as the CLI makes it. */
const engine = createDynamoDbClient({ region, maxAttempts: 1 });
/** The loader's and the raw probe's client: the SDK's own retries, since neither paces itself. */
const loader = createDynamoDbClient({ region, maxAttempts: 10 });
const created: string[] = [];
const results: Record<string, unknown> = {
  region,
  items: N,
  prefix,
  warmWrites,
  startedAt: new Date().toISOString(),
};
let failed = false;

try {
  const [source, raw, copy, peer] = await Promise.all([
    newTable('source'),
    newTable('raw', warmWrites),
    newTable('copy', warmWrites),
    newTable('peer', warmWrites),
  ]);
  const load = await timed(N, () => rawWrite(asLoader(source), 0, N, 32));
  log(`loaded ${N} items in ${load.seconds.toFixed(1)} s`);
  const expected = await digestTable(source);

  // 1. Raw ceiling: a tight BatchWriteItem loop, 64 in flight, into a new on-demand table.
  const ceiling = await timed(W, () => rawWrite(asLoader(raw), 0, W, 64));
  log(`raw write: ${ceiling.itemsPerSecond.toFixed(0)} items/s`);

  // 2. copyTable and copy-dynamodb-table, each into a new table.
  const ours = await timed(N, () => copyTable(source, copy));
  log(`copyTable: ${ours.seconds.toFixed(1)} s`);
  const theirs = await timed(N, () =>
    copyDynamodbTable(source.tableName, peer.tableName, { region, endpoint: process.env.AWS_ENDPOINT_URL }),
  );
  const peerComplete = (await digestTable(peer)).digest === expected.digest;
  log(`copy-dynamodb-table: ${theirs.seconds.toFixed(1)} s, complete: ${peerComplete}`);

  // 3. From the same 1% change: deltaSync; then our reset; then, on the peer's table, the reference reset.
  await diverge(asLoader(copy), N, changed);
  const delta = await timed(N, () => deltaSync(source, copy));
  await diverge(asLoader(copy), N, changed);
  const emptied = await timed(N, () => emptyTable(copy));
  const refilled = await timed(N, () => copyTable(source, copy));
  const resetSeconds = emptied.seconds + refilled.seconds;
  const resetComplete = (await digestTable(copy)).digest === expected.digest;
  await diverge(asLoader(peer), N, changed);
  const seed = await timed(N, () => referenceReset(source, peer));
  const seedComplete = (await digestTable(peer)).digest === expected.digest;
  log(`reset ${resetSeconds.toFixed(1)} s, reference reset ${seed.seconds.toFixed(1)} s`);

  const ratios = {
    copyVsRaw: ours.itemsPerSecond / ceiling.itemsPerSecond,
    copyVsCopyDynamodbTable: theirs.seconds / ours.seconds,
    resetVsSeedReset: seed.seconds / resetSeconds,
    copyPhaseVsSeedCopyPhase: seed.value.copySeconds / refilled.seconds,
    deltaVsReset: resetSeconds / delta.seconds,
  };
  Object.assign(results, {
    load: measured(load),
    raw: measured(ceiling),
    copyTable: { ...measured(ours), verified: ours.value.destination },
    copyDynamodbTable: { ...measured(theirs), complete: peerComplete },
    deltaSync: { ...measured(delta), changed, counts: delta.value.counts },
    reset: { seconds: resetSeconds, empty: measured(emptied), copy: measured(refilled), complete: resetComplete },
    seedReset: { ...measured(seed), ...seed.value, complete: seedComplete },
    ratios,
  });

  const met = (ratio: number, target: number, complete: boolean) =>
    `>= ${target}x: ${ratio >= target && complete ? 'met' : 'MISSED'}`;
  const rate = (m: Timed<unknown>) => `${m.itemsPerSecond.toFixed(0)} items/s`;
  const rows: [string, string, string][] = [
    ['raw BatchWriteItem ceiling (new on-demand table)', rate(ceiling), ''],
    ['copyTable (incl. verification)', `${rate(ours)} = ${ratios.copyVsRaw.toFixed(2)}x raw`, ''],
    [
      'copy-dynamodb-table',
      `${rate(theirs)}; copyTable ${ratios.copyVsCopyDynamodbTable.toFixed(1)}x faster`,
      met(ratios.copyVsCopyDynamodbTable, TARGETS.copyVsCopyDynamodbTable, peerComplete),
    ],
    [
      'deltaSync, 1% changed',
      `${delta.seconds.toFixed(1)} s = ${ratios.deltaVsReset.toFixed(1)}x faster than reset`,
      '',
    ],
    ['reset (emptyTable + copyTable)', `${resetSeconds.toFixed(1)} s`, ''],
    [
      'reference reset (referenceReset.ts)',
      `${seed.seconds.toFixed(1)} s; reset ${ratios.resetVsSeedReset.toFixed(1)}x faster`,
      met(ratios.resetVsSeedReset, TARGETS.resetVsSeedReset, seedComplete && resetComplete),
    ],
    [
      'copy phase vs reference copy phase',
      `${refilled.seconds.toFixed(1)} s vs ${seed.value.copySeconds.toFixed(1)} s = ${ratios.copyPhaseVsSeedCopyPhase.toFixed(1)}x`,
      '',
    ],
  ];
  const tablesSaid = warmWrites
    ? `written tables pre-warmed to ${warmWrites} writes/s`
    : 'new on-demand tables (4,000 writes/s until warm: DDR_BENCH_AWS_WARM_WRITES)';
  console.log(`sync engine on DynamoDB in ${region}, ${N} items, ${tablesSaid}`);
  console.table(rows.map(([measure, result, goal]) => ({ measure, result, target: goal })));
  if (!peerComplete || !resetComplete || !seedComplete) {
    failed = true;
    console.error('aws.bench: a copy ended different from its source (see `complete` in the results)');
  }
} catch (error) {
  failed = true;
  console.error(`aws.bench failed: ${(error as Error).message}`);
} finally {
  results.tablesDeleted = await deleteTables();
  await writeBenchResults('aws', results);
  engine.destroy();
  loader.destroy();
}
process.exitCode = failed ? 1 : 0;

/** The opt-in settings, checked before anything is created; undefined when the run was not asked for. */
function awsBenchSettings(
  env: NodeJS.ProcessEnv,
): { region: string; prefix: string; items: number; warmWrites?: number } | undefined {
  const region = env.DDR_BENCH_AWS_REGION;
  if (region === undefined || region === '') return undefined;
  const fail = (message: string): never => {
    console.error(`aws.bench: ${message}; nothing was created.`);
    process.exit(2);
  };
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    fail(`DDR_BENCH_AWS_REGION is not a Region name: ${JSON.stringify(region)} (e.g. eu-west-1)`);
  }
  const stamp = new Date().toISOString().slice(0, 16).replace(/\D/g, '');
  const prefix = env.DDR_BENCH_AWS_PREFIX || `ddr-bench-${stamp}-${randomBytes(2).toString('hex')}`;
  // Table names allow 3-255 of [A-Za-z0-9_.-]; the longest suffix added is "-source".
  if (!/^[A-Za-z0-9_.-]{3,200}$/.test(prefix)) {
    fail(`DDR_BENCH_AWS_PREFIX is not a table-name prefix: ${JSON.stringify(prefix)} (3-200 of A-Z a-z 0-9 _ . -)`);
  }
  const items = Number(env.AWS_BENCH_ITEMS ?? 100_000);
  if (!Number.isInteger(items) || items < 100 || items > 10_000_000) {
    fail(`AWS_BENCH_ITEMS must be a whole number from 100 to 10000000: ${JSON.stringify(env.AWS_BENCH_ITEMS)}`);
  }
  const warm = env.DDR_BENCH_AWS_WARM_WRITES;
  const warmWrites = warm === undefined || warm === '' ? undefined : Number(warm);
  if (warmWrites !== undefined && !(Number.isInteger(warmWrites) && warmWrites > 4_000 && warmWrites <= 40_000)) {
    fail(
      `DDR_BENCH_AWS_WARM_WRITES must be a whole number from 4001 to 40000 write units a second: ${JSON.stringify(warm)}`,
    );
  }
  return { region, prefix, items, warmWrites };
}

/**
 * A new on-demand benchmark table, ACTIVE, tagged as this run's, pre-warmed to `warmWrites` write units a second
 * when given; remembered for the clean-up.
 */
async function newTable(role: string, warmWrites?: number): Promise<TableRef> {
  const tableName = `${prefix}-${role}`;
  await loader.send(
    new CreateTableCommand({
      TableName: tableName,
      ...BENCH_TABLE,
      Tags: [{ Key: 'dynamo-dr:bench', Value: prefix }],
      ...(warmWrites && { WarmThroughput: { WriteUnitsPerSecond: warmWrites } }),
    }),
  );
  created.push(tableName);
  await waitUntilTableExists({ client: loader, maxWaitTime: 300, minDelay: 1 }, { TableName: tableName });
  return { client: engine, tableName };
}

/** The same table through the loader's client. */
function asLoader(table: TableRef): TableRef {
  return { ...table, client: loader };
}

/** Deletes every table this run created; says which could not be deleted, so that they can be deleted by hand. */
async function deleteTables(): Promise<string[]> {
  const deleted: string[] = [];
  for (const tableName of created) {
    try {
      await loader.send(new DeleteTableCommand({ TableName: tableName }));
      deleted.push(tableName);
    } catch (error) {
      failed = true;
      console.error(`aws.bench: could not delete ${tableName} (${(error as Error).message}): delete it by hand`);
    }
  }
  return deleted;
}

/** A measure without its value, for the results file. */
function measured(m: Timed<unknown>) {
  const { value: _value, ...rest } = m;
  return rest;
}
