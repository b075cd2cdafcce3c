// How the sync engine scales with the table: copyTable of 10k, 100k and 1M items (SCALE_BENCH_SIZES, comma
// separated), each copy in a fresh process (bench/measuredCopy.ts) against one sandbox in its own process, no
// latency and no fault layer (the engine's own cost, not the round trips'). Time per item, peak RSS and the
// engine's CPU per item should stay flat: each is printed as a ratio to the smallest size, targets beside.
// Sources are loaded by the sandbox's fastest path (bench/loadTable.ts: ImportTable). Writes
// bench/results/scale.json.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { benchClient, createTable } from './benchTables.js';
import { loadTable } from './loadTable.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { SOURCE_NODE_ARGS } from '../scripts/sourceRun.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.SCALE_BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
/** Flat: the largest table costs at most this much more per item (time, CPU) or in all (RSS) than the smallest. */
const TARGET_RATIO = 1.3;

interface CopyFigures {
  readonly count: number;
  readonly seconds: number;
  readonly syncSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

const sandbox = await startSandboxProcess();
const client = benchClient(sandbox.endpoint);
const log = (m: string) => console.error(`[scale.bench] ${m}`);

try {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg()[0]!;
  const sizes: Record<string, unknown>[] = [];
  for (const items of SIZES) {
    const loadStarted = performance.now();
    const source = await loadTable(client, `scale-source-${items}`, 0, items);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const destination = await createTable(client, `scale-copy-${items}`);
    const sandboxCpu = await sandbox.cpuSeconds();
    const copy = await copyInChild(source.tableName, destination.tableName);
    const sandboxCpuSeconds = (await sandbox.cpuSeconds()) - sandboxCpu;
    if (copy.count !== items) throw new Error(`copy of ${items} items holds ${copy.count}`);
    // Freed before the next size, so that a large table does not make the sandbox slower for the next.
    for (const table of [source, destination])
      await client.send(new DeleteTableCommand({ TableName: table.tableName }));
    const figures = {
      items,
      loadSeconds,
      loadItemsPerSecond: items / loadSeconds,
      ...copy,
      microsPerItem: (copy.seconds * 1e6) / items,
      engineCpuMicrosPerItem: (copy.cpuSeconds * 1e6) / items,
      sandboxCpuMicrosPerItem: (sandboxCpuSeconds * 1e6) / items,
      loadAverage: loadavg()[0],
    };
    sizes.push(figures);
    log(
      `${items} items: loaded in ${loadSeconds.toFixed(0)} s, copied in ${copy.seconds.toFixed(1)} s ` +
        `(${figures.microsPerItem.toFixed(0)} µs/item), peak RSS ${copy.peakRssMb.toFixed(0)} MB`,
    );
  }

  const smallest = sizes[0] as {
    items: number;
    microsPerItem: number;
    peakRssMb: number;
    engineCpuMicrosPerItem: number;
  };
  const ratio = (s: Record<string, unknown>, key: keyof typeof smallest) => (s[key] as number) / smallest[key];
  const met = (value: number) => (value <= TARGET_RATIO ? 'met' : 'MISSED');
  const rows = sizes.flatMap((s) => {
    const first = s === smallest;
    const per = (key: 'microsPerItem' | 'peakRssMb' | 'engineCpuMicrosPerItem', unit: string) =>
      `${(s[key] as number).toFixed(0)} ${unit}${first ? '' : ` = ${ratio(s, key).toFixed(2)}x ${smallest.items}`}`;
    const goal = (key: 'microsPerItem' | 'peakRssMb' | 'engineCpuMicrosPerItem') =>
      first ? '' : `<= ${TARGET_RATIO}x: ${met(ratio(s, key))}`;
    return [
      { measure: `${s.items} items: time per item`, result: per('microsPerItem', 'µs'), target: goal('microsPerItem') },
      { measure: `${s.items} items: peak RSS`, result: per('peakRssMb', 'MB'), target: goal('peakRssMb') },
      {
        measure: `${s.items} items: engine CPU per item`,
        result: `${per('engineCpuMicrosPerItem', 'µs')} (sandbox ${(s.sandboxCpuMicrosPerItem as number).toFixed(0)} µs)`,
        target: goal('engineCpuMicrosPerItem'),
      },
    ];
  });
  console.log(
    `copyTable at ${SIZES.join(', ')} items, each in a fresh process (load average ${loadAverageAtStart.toFixed(1)})`,
  );
  console.table(rows);
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(
    path.join(here, 'results', 'scale.json'),
    `${JSON.stringify({ startedAt, loadAverageAtStart, targetRatio: TARGET_RATIO, sizes }, null, 2)}\n`,
  );
} finally {
  await sandbox.stop();
}

function copyInChild(source: string, destination: string): Promise<CopyFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...SOURCE_NODE_ARGS,
        path.join(here, 'measuredCopy.ts'),
        JSON.stringify({ endpoint: sandbox.endpoint, source, destination }),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as CopyFigures)
        : reject(new Error(`copy child failed (${code})`)),
    );
  });
}
