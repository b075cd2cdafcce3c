// Resetting a table (delete every item, then copy every item) under random throttling: 30% of the requests to
// both tables are refused at random (a whole call, or a share of a batch's items handed back unprocessed). The
// engine (emptyTable then copyTable, each verified) against the reference reset (bench/referenceReset.ts: one thread,
// batches of 25, unprocessed items resent at once), on a small table (2,000 items, where backoff tails would show)
// and a larger one (20,000). Prints a table and writes bench/results/throttled-reset.json. Ratios come from one run
// on one sandbox; the small table's figures are medians of several alternating runs.
import { copyTable, digestTable, emptyTable, type TableRef } from '@dynamo-dr/core';
import { writeBenchResults } from './writeBenchResults.js';
import { benchClient, createTable, rawWrite } from './benchTables.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { referenceReset } from './referenceReset.js';

const THROTTLE = 0.3;
const SIZES = [
  { items: 2_000, runs: 7 },
  { items: 20_000, runs: 1 },
];

const sandbox = await startSandboxProcess();
const client = benchClient(sandbox.endpoint);
const log = (m: string) => console.error(`[throttled-reset.bench] ${m}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measured {
  readonly seconds: number;
  readonly destinationRequests: number;
  readonly lost: number;
}

const approaches: Record<string, (source: TableRef, destination: TableRef) => Promise<unknown>> = {
  reference: (source, destination) => referenceReset(source, destination),
  engine: async (source, destination) => {
    await emptyTable(destination);
    await copyTable(source, destination);
  },
};

try {
  const results: Record<string, unknown> = { throttleRate: THROTTLE, startedAt: new Date().toISOString() };
  const rows: { measure: string; result: string; target: string }[] = [];
  for (const { items, runs } of SIZES) {
    const source = await createTable(client, `reset-source-${items}`);
    await rawWrite(source, 0, items, 16);
    const expected = await digestTable(source);
    const destination = await createTable(client, `reset-destination-${items}`);
    const measured: Record<string, Measured[]> = { reference: [], engine: [] };
    for (let run = 0; run < runs; run++) {
      // Alternate who goes first, so that neither always meets a warmer (or busier) sandbox.
      const order = run % 2 ? ['engine', 'reference'] : ['reference', 'engine'];
      for (const name of order) {
        // The destination holds an older version of every item: a reset deletes them all and writes them again.
        await rawWrite(destination, 0, items, 16, 1);
        await sandbox.setFaults(source.tableName, { throttleRate: THROTTLE });
        await sandbox.setFaults(destination.tableName, { throttleRate: THROTTLE });
        const started = performance.now();
        await approaches[name]!(source, destination);
        const seconds = (performance.now() - started) / 1000;
        const stats = await sandbox.faultStats(destination.tableName);
        await sandbox.setFaults(source.tableName, undefined);
        await sandbox.setFaults(destination.tableName, undefined);
        const after = await digestTable(destination);
        const lost = after.digest === expected.digest ? 0 : Math.max(1, expected.count - after.count);
        measured[name]!.push({ seconds, destinationRequests: stats?.requests ?? 0, lost });
        log(`${items} items, ${name}: ${seconds.toFixed(2)} s, ${stats?.requests} requests to the destination`);
      }
    }
    const reference = median(measured.reference!.map((m) => m.seconds));
    const engine = median(measured.engine!.map((m) => m.seconds));
    const lost = [...measured.reference!, ...measured.engine!].reduce((sum, m) => sum + m.lost, 0);
    const requests = (name: string) => median(measured[name]!.map((m) => m.destinationRequests));
    results[`items${items}`] = {
      runs,
      referenceSeconds: reference,
      engineSeconds: engine,
      ratio: reference / engine,
      lost,
      measured,
    };
    const small = items === SIZES[0]!.items;
    rows.push({
      measure: `reset ${items} items, 30% throttled${runs > 1 ? ` (median of ${runs})` : ''}`,
      result:
        `engine ${engine.toFixed(2)} s vs the reference loop ${reference.toFixed(2)} s = ${(reference / engine).toFixed(2)}x; ` +
        `${requests('engine')} vs ${requests('reference')} requests to the destination; ${lost} lost`,
      target: small ? `>= 1.0x, 0 lost: ${reference / engine >= 1 && lost === 0 ? 'met' : 'MISSED'}` : '',
    });
  }
  console.log(`reset under ${THROTTLE * 100}% random throttling on both tables, sandbox in its own process`);
  console.table(rows);
  await writeBenchResults('throttled-reset', results);
} finally {
  await sandbox.stop();
}
