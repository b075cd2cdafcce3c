// The three ways to roll a table back to T, in one run on one table of N items (REVERT_BENCH_ITEMS, default
// 1,000,000) of which 1% changed after T (a third updated, a third deleted, a third new keys: benchTables.ts's
// diverge): `restore --mode revert` (core's runRevert: incremental export from T, each changed key written back to its
// image at T), then `--mode delta` and `--mode reset` (core's runRestore: PITR restore into a new table, then a delta
// or reset sync and its verification). Each starts from the same changed table (the same writes are made again after
// each mode; its digest is checked) and must end with exactly the table at T (its digest checked against the digest
// taken at T). Revert runs first so that its export holds the incident's writes only, as it would on AWS; delta and
// reset restore from the PITR journal, whose length does not change what they copy.
//
// Each mode runs under AWS-like latency (every request 5-10 ms: measureRun.ts), as the sync bench does; the loading,
// the changes and the digests around them run without. Measured per mode: wall time (plan + run), the time of its
// AWS-side phase (the sandbox's PITR restore, or the export), its data phase (sync or revert writes, with
// verification), and the capacity units it consumed on every table it read or wrote (the sandbox counts them as AWS
// does, benchmark tables at AWS's default quota: measureRun.ts).
// The sandbox's restore loads the items as fast as this machine writes them; AWS's takes at least about 20 minutes
// (docs/performance.md's RTO model), so the wall-time ratios here understate revert's lead on AWS. Writes
// bench/results/revert.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  defaultRestoreSettings,
  digestTable,
  FileCheckpointStore,
  FileRunJournal,
  logicalNameOf,
  planRestore,
  planRevert,
  restoreNames,
  runRestore,
  runRevert,
  type RestoreContext,
  type RestoreRun,
  type TableRef,
} from '@dynamo-dr/core';
import { writeBenchResults } from './writeBenchResults.js';
import { benchClient, diverge } from './benchTables.js';
import { loadTable } from './loadTable.js';
import { AWS_LIKE_LATENCY, measureRun, type RunMeasure } from './measureRun.js';
import { startSandboxProcess } from './sandboxProcess.js';

const N = Number(process.env.REVERT_BENCH_ITEMS ?? 1_000_000);
const CHANGED = Math.round(N / 100);
/** The shortest incremental export period the sandbox accepts (AWS: 15 minutes): the bench waits it out after T. */
const MIN_EXPORT_PERIOD_MS = 1000;
const BUCKET = 'revert-bench-exports';
const SEGMENTS = 8;
const MODES = ['revert', 'delta', 'reset'] as const;
type Mode = (typeof MODES)[number];
/** Revert writes each changed key once (1 WCU per item of under 1 KB): at most this many units per changed key. */
const TARGETS = { revertWriteUnitsPerChangedKey: 1.1, revertFasterThanDelta: 1, revertFasterThanReset: 1 };

interface ModeFigures extends RunMeasure {
  readonly mode: Mode;
  /** The AWS side: the PITR restore (delta, reset) or the incremental export (revert), from the run's phases. */
  readonly awsPhaseSeconds: number;
  /** Writing and verifying: the sync and verify phases. */
  readonly dataPhaseSeconds: number;
  readonly syncSeconds: number;
  readonly verifySeconds: number;
  readonly atT: boolean;
  readonly counts: RestoreRun['tables'][string]['counts'];
}

const sandbox = await startSandboxProcess(['--min-incremental-export-period-ms', String(MIN_EXPORT_PERIOD_MS)]);
const client = benchClient(sandbox.endpoint);
// The sync workers build their own clients from the standard variables, as they do on Lambda.
process.env.AWS_ENDPOINT_URL = sandbox.endpoint;
process.env.AWS_REGION = 'us-east-1';
const aws = { endpoint: sandbox.endpoint, region: 'us-east-1' };
const stateDir = await mkdtemp(path.join(tmpdir(), 'revert-bench-'));
const log = (m: string) => console.error(`[revert.bench] ${m}`);

try {
  const startedAt = new Date().toISOString();
  const loadStarted = performance.now();
  const table = await loadTable(client, 'orders', 0, N);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  log(`${N} items loaded in ${loadSeconds.toFixed(0)} s`);
  await client.send(
    new UpdateContinuousBackupsCommand({
      TableName: table.tableName,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  );
  const s3 = new S3Client({ ...aws, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  s3.destroy();

  await sleep(20);
  const t = new Date().toISOString();
  await sleep(20);
  const atT = (await digestTable(table)).digest;
  await diverge(table, N, CHANGED);
  const changedDigest = (await digestTable(table)).digest;
  await sleep(MIN_EXPORT_PERIOD_MS);

  const figures: ModeFigures[] = [];
  for (const mode of MODES) {
    if (mode !== MODES[0]) {
      await diverge(table, N, CHANGED);
      if ((await digestTable(table)).digest !== changedDigest)
        throw new Error(`${mode} would start from another table`);
    }
    const incidentId = `bench-${mode}`;
    const { restoredTableName } = restoreNames(table.tableName, incidentId);
    await sandbox.setLatency(AWS_LIKE_LATENCY);
    const measured = await measureRun(sandbox, [table.tableName, restoredTableName], N, () =>
      rollBack(mode, table, t, incidentId),
    );
    await sandbox.setLatency(undefined);
    const run = measured.value;
    const recorded = run.tables[table.tableName]!;
    const atTAfter = run.result === 'succeeded' && (await digestTable(table)).digest === atT;
    const { value: _value, ...measure } = measured;
    const seconds = (...phases: (keyof typeof recorded.phases)[]) =>
      phases.reduce((sum, p) => sum + phaseSeconds(recorded.phases[p]), 0);
    figures.push({
      ...measure,
      mode,
      // A revert records its exports as its restore phase: the AWS side either way.
      awsPhaseSeconds: seconds('restore'),
      dataPhaseSeconds: seconds('sync', 'verify'),
      syncSeconds: seconds('sync'),
      verifySeconds: seconds('verify'),
      atT: atTAfter,
      counts: recorded.counts,
    });
    log(
      `${mode}: ${measure.seconds.toFixed(1)} s, ${measure.writeUnits.toFixed(0)} WCU, ` +
        `${measure.readUnits.toFixed(0)} RCU, at T: ${atTAfter}`,
    );
  }

  const [revert, delta, reset] = figures as [ModeFigures, ModeFigures, ModeFigures];
  const ratios = {
    revertWriteUnitsPerChangedKey: revert.writeUnits / CHANGED,
    revertFasterThanDelta: delta.seconds / revert.seconds,
    revertFasterThanReset: reset.seconds / revert.seconds,
    deltaDataPhaseOverRevert: delta.dataPhaseSeconds / revert.dataPhaseSeconds,
    resetDataPhaseOverRevert: reset.dataPhaseSeconds / revert.dataPhaseSeconds,
    resetWriteUnitsOverRevert: reset.writeUnits / revert.writeUnits,
    deltaWriteUnitsOverRevert: delta.writeUnits / revert.writeUnits,
    deltaReadUnitsOverRevert: delta.readUnits / Math.max(1, revert.readUnits),
  };
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const s = (x: number) => `${x.toFixed(1)} s`;
  console.log(
    `restore --mode revert, delta and reset of ${N} items, ${CHANGED} changed after T, every request 5-10 ms (load average ` +
      `${loadavg()[0]!.toFixed(1)}); the sandbox's PITR restore loads at this machine's speed (AWS: 20+ minutes)`,
  );
  console.table(
    figures.map((f) => ({
      mode: f.mode,
      'total time': s(f.seconds),
      'restore / export': s(f.awsPhaseSeconds),
      'sync + verify': s(f.dataPhaseSeconds),
      'write units': Math.round(f.writeUnits),
      'read units': Math.round(f.readUnits),
      'ends at T': f.atT ? 'yes' : 'NO',
    })),
  );
  console.table([
    {
      measure: 'revert write units per changed key',
      result: `${revert.writeUnits.toFixed(0)} WCU / ${CHANGED} keys = ${ratios.revertWriteUnitsPerChangedKey.toFixed(2)}`,
      target: `<= ${TARGETS.revertWriteUnitsPerChangedKey}: ${met(ratios.revertWriteUnitsPerChangedKey <= TARGETS.revertWriteUnitsPerChangedKey)}`,
    },
    {
      measure: 'revert vs delta: total time',
      result: `revert ${ratios.revertFasterThanDelta.toFixed(1)}x faster (sync + verify ${ratios.deltaDataPhaseOverRevert.toFixed(1)}x)`,
      target: `> ${TARGETS.revertFasterThanDelta}x: ${met(ratios.revertFasterThanDelta > TARGETS.revertFasterThanDelta)}`,
    },
    {
      measure: 'revert vs reset: total time',
      result: `revert ${ratios.revertFasterThanReset.toFixed(1)}x faster (sync + verify ${ratios.resetDataPhaseOverRevert.toFixed(1)}x)`,
      target: `> ${TARGETS.revertFasterThanReset}x: ${met(ratios.revertFasterThanReset > TARGETS.revertFasterThanReset)}`,
    },
    {
      measure: 'write units: reset / revert, delta / revert',
      result: `${ratios.resetWriteUnitsOverRevert.toFixed(0)}x, ${ratios.deltaWriteUnitsOverRevert.toFixed(2)}x`,
      target: '',
    },
    { measure: 'read units: delta / revert', result: `${ratios.deltaReadUnitsOverRevert.toFixed(0)}x`, target: '' },
    { measure: 'every mode ends exactly at T', result: figures.every((f) => f.atT) ? 'yes' : 'NO', target: '' },
  ]);
  await writeBenchResults('revert', {
    startedAt,
    items: N,
    changed: CHANGED,
    loadSeconds,
    segments: SEGMENTS,
    modes: figures,
    ratios,
    targets: TARGETS,
  });
  if (!figures.every((f) => f.atT)) throw new Error('a mode did not end exactly at the table at T');
} finally {
  client.destroy();
  await sandbox.stop();
  await rm(stateDir, { recursive: true, force: true });
}

/** One rollback of `table` to `t` by `mode`, planned and run by core as `dynamo-dr restore` does. */
async function rollBack(mode: Mode, table: TableRef, t: string, incidentId: string): Promise<RestoreRun> {
  const journal = new FileRunJournal(path.join(stateDir, incidentId));
  const ctx: RestoreContext = {
    dynamodb: client,
    aws,
    journal,
    checkpoints: new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints')),
    startedBy: 'revert.bench',
  };
  const request = {
    incidentId,
    pitrBackupTime: t,
    tables: [
      {
        ...defaultRestoreSettings,
        tableName: table.tableName,
        logicalName: logicalNameOf(table.tableName),
        segments: SEGMENTS,
        // A revert syncs nothing: its table settings carry no sync mode of their own (as the CLI builds them).
        mode: mode === 'revert' ? defaultRestoreSettings.mode : mode,
      },
    ],
    confirmations: [table.tableName],
  };
  const options = { pollIntervalMs: 50 };
  if (mode === 'revert') {
    const plan = await planRevert(client, aws, journal, {
      ...request,
      exportBucket: BUCKET,
      minExportPeriodMs: MIN_EXPORT_PERIOD_MS,
    });
    return runRevert(ctx, plan, options);
  }
  return runRestore(ctx, await planRestore(client, journal, request), options);
}

function phaseSeconds(phase: { startedAt: string; endedAt?: string } | undefined): number {
  return phase?.endedAt ? (Date.parse(phase.endedAt) - Date.parse(phase.startedAt)) / 1000 : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
