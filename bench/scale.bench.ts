// How the sync engine scales with the table: copyTable of 10k, 100k and 1M items (SCALE_BENCH_SIZES, comma
// separated), each copy in a fresh process (bench/measuredCopy.ts) against one sandbox in its own process, no
// latency and no fault layer (the engine's own cost, not the round trips'). Time per item, peak RSS and the
// engine's CPU per item should stay flat: each is printed as a ratio to the smallest size, targets beside; the copy's
// memory (peak RSS, live heap) is targeted from the first size whose copy ran at a steady heap (FLAT, below).
// Sources are loaded by the sandbox's fastest path (bench/loadTable.ts: ImportTable). Writes
// bench/results/scale.json.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { writeBenchResults } from './writeBenchResults.js';
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
  readonly heapAfterGcMb: number;
  /** The largest V8 heap (reserved, used) and off-heap memory seen during the copy: where the peak RSS goes. */
  /** Full (mark-sweep) collections during the copy, and the old generation each left: the memory the copy holds. */
  readonly fullCollections: number;
  readonly liveHeapMb: number;
  readonly peakLiveHeapMb: number;
  readonly peakHeapTotalMb: number;
  readonly peakHeapUsedMb: number;
  readonly peakExternalMb: number;
  readonly peakArrayBuffersMb: number;
}

interface SizeFigures extends CopyFigures {
  readonly items: number;
  readonly loadSeconds: number;
  readonly loadItemsPerSecond: number;
  readonly microsPerItem: number;
  readonly engineCpuMicrosPerItem: number;
  readonly sandboxCpuMicrosPerItem: number;
  readonly loadAverage: number;
}
/**
 * The figures that must stay flat, with their units, and whether they are compared with the smallest size or with the
 * first one whose copy ran at a steady heap. V8 sizes its heap to what a process has promoted so far: a short copy
 * ends after a full collection or two, its heap still growing towards the size it keeps for the rest of a longer copy
 * (about four times the live heap, by V8's heap growing factor). The copy's memory is compared from there; against
 * the smallest size it is printed all the same.
 */
const FLAT = {
  microsPerItem: ['time per item', 'µs', 'smallest'],
  engineCpuMicrosPerItem: ['engine CPU per item', 'µs', 'smallest'],
  heapAfterGcMb: ['heap after a full GC', 'MB', 'smallest'],
  liveHeapMb: ['live heap while copying (median after each full GC)', 'MB', 'steady'],
  peakRssMb: ['peak RSS', 'MB', 'steady'],
} as const;
/** Full collections during a copy from which its heap counts as steady. */
const STEADY_COLLECTIONS = 3;

const sandbox = await startSandboxProcess();
const client = benchClient(sandbox.endpoint);
const log = (m: string) => console.error(`[scale.bench] ${m}`);

try {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg()[0]!;
  const sizes: SizeFigures[] = [];
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
    const figures: SizeFigures = {
      items,
      loadSeconds,
      loadItemsPerSecond: items / loadSeconds,
      ...copy,
      microsPerItem: (copy.seconds * 1e6) / items,
      engineCpuMicrosPerItem: (copy.cpuSeconds * 1e6) / items,
      sandboxCpuMicrosPerItem: (sandboxCpuSeconds * 1e6) / items,
      loadAverage: loadavg()[0]!,
    };
    sizes.push(figures);
    log(
      `${items} items: loaded in ${loadSeconds.toFixed(0)} s, copied in ${copy.seconds.toFixed(1)} s ` +
        `(${figures.microsPerItem.toFixed(0)} µs/item), peak RSS ${copy.peakRssMb.toFixed(0)} MB, ` +
        `heap after GC ${copy.heapAfterGcMb.toFixed(0)} MB; live heap ${copy.liveHeapMb.toFixed(0)} MB (${copy.fullCollections} full GCs); peaks: heap ${copy.peakHeapTotalMb.toFixed(0)} MB ` +
        `reserved, ${copy.peakHeapUsedMb.toFixed(0)} MB used, external ${copy.peakExternalMb.toFixed(0)} MB ` +
        `(ArrayBuffers ${copy.peakArrayBuffersMb.toFixed(0)} MB)`,
    );
  }

  const smallest = sizes[0]!;
  const steady = sizes.find((s) => s.fullCollections >= STEADY_COLLECTIONS) ?? sizes.at(-1)!;
  const rows = sizes.flatMap((s) =>
    (Object.keys(FLAT) as (keyof typeof FLAT)[]).map((key) => {
      const [what, unit, from] = FLAT[key];
      const base = from === 'steady' ? steady : smallest;
      const versus = (b: SizeFigures) => `${(s[key] / b[key]).toFixed(2)}x ${b.items}`;
      const ratio = s[key] / base[key];
      const sandbox = key === 'engineCpuMicrosPerItem' ? ` (sandbox ${s.sandboxCpuMicrosPerItem.toFixed(0)} µs)` : '';
      const shown = [...new Set([smallest, base])].filter((b) => b.items < s.items).map(versus);
      return {
        measure: `${s.items} items: ${what}`,
        result: `${s[key].toFixed(1)} ${unit}${shown.length ? ` = ${shown.join(', ')}` : ''}${sandbox}`,
        target:
          s.items <= base.items
            ? from === 'steady' && s === base
              ? s.fullCollections >= STEADY_COLLECTIONS
                ? `steady from here (${s.fullCollections} full GCs)`
                : `no copy ran ${STEADY_COLLECTIONS} full GCs: too small to compare`
              : ''
            : `<= ${TARGET_RATIO}x ${base.items}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
      };
    }),
  );
  console.log(
    `copyTable at ${SIZES.join(', ')} items, each in a fresh process (load average ${loadAverageAtStart.toFixed(1)})`,
  );
  console.table(rows);
  await writeBenchResults('scale', { startedAt, loadAverageAtStart, targetRatio: TARGET_RATIO, sizes });
} finally {
  await sandbox.stop();
}

function copyInChild(source: string, destination: string): Promise<CopyFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...SOURCE_NODE_ARGS,
        '--expose-gc',
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
