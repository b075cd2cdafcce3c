// The RTO model's tables, computed from the latest benchmark results (bench/results/sync.json, and scale.json and
// revert.json when present) by bench/rtoModel.ts: printed, written to bench/results/rto-model.json, and put into
// docs/performance.md between its rto-model markers, so that the document says what the engine measures now.
// `npm run bench` runs it after the benchmarks; `npm run bench -- model` runs it alone.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { AWS } from './awsFigures.js';
import { benchResultsDirectory, resultsElsewhere, type MachineUnderTest } from './writeBenchResults.js';
import {
  CHANGED_SHARE,
  WORKFLOW,
  rtoModel,
  type MeasuredFigures,
  type RtoModel,
  type WorkerOperation,
} from './rtoModel.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const doc = path.join(here, '..', 'docs', 'performance.md');
const START = '<!-- rto-model:start -->';
const END = '<!-- rto-model:end -->';

interface SyncResults extends Partial<MeasuredFigures> {
  readonly startedAt: string;
  readonly items?: number;
  readonly loadAverageAtStart?: number;
  readonly machine?: MachineUnderTest;
}
interface ScaleResults {
  readonly sizes: readonly { items: number; microsPerItem: number; peakRssMb: number }[];
}

const results = benchResultsDirectory();
const syncFile = path.join(results, 'sync.json');
if (!existsSync(syncFile)) {
  console.error(`[rto-model] no ${syncFile}: run \`npm run bench -- sync\` first; the model was left as it is.`);
  process.exit(1);
}
const sync = JSON.parse(await readFile(syncFile, 'utf8')) as SyncResults;
if (!sync.worker || sync.checkpointBytes === undefined || !sync.latency || !sync.seedReset || !sync.copyDynamodbTable) {
  throw new Error('bench/results/sync.json has no one-worker figures: run `npm run bench -- sync` first.');
}
const scale = await readFile(path.join(results, 'scale.json'), 'utf8').then(
  (text) => JSON.parse(text) as ScaleResults,
  () => undefined,
);
/** What the RTO model's revert rows take from bench/results/revert.json: the in-process revert's measured rates. */
interface RevertResults {
  readonly changed: number;
  readonly modes: readonly { mode: string; syncSeconds: number; verifySeconds: number }[];
}
const revert = await readFile(path.join(results, 'revert.json'), 'utf8').then(
  (text) => JSON.parse(text) as RevertResults,
  () => undefined,
);
const measured = sync as MeasuredFigures & SyncResults;
const model = rtoModel(measured);
const markdown = await prettier.format(render(model), {
  ...(await prettier.resolveConfig(doc)),
  parser: 'markdown',
});
console.log(markdown);
await writeFile(path.join(results, 'rto-model.json'), `${JSON.stringify(model, null, 2)}\n`);
if (resultsElsewhere()) {
  console.error(
    `[rto-model] wrote ${results}/rto-model.json; docs/performance.md left alone (BENCH_RESULTS_DIR is set)`,
  );
  process.exit(0);
}
const text = await readFile(doc, 'utf8');
const [before, rest] = text.split(START);
const after = rest?.split(END)[1];
if (before === undefined || after === undefined) throw new Error(`${doc} lacks the ${START} ... ${END} markers.`);
await writeFile(doc, `${before}${START}\n\n${markdown}\n${END}${after}`);
console.error(`[rto-model] wrote bench/results/rto-model.json and the model's tables in docs/performance.md`);

function render(m: RtoModel): string {
  const ops: WorkerOperation[] = ['copy', 'empty', 'delta', 'digest'];
  const largest = scale?.sizes.at(-1);
  const smallest = scale?.sizes[0];
  const inputs = [
    ['Item size (AWS rules)', `${measured.itemBytes.toFixed(0)} B`],
    ...ops.map((op) => [
      `One worker: ${op}`,
      `${int(measured.worker[op].itemsPerSecond)} items/s, ${int(measured.worker[op].engineCpuMicrosPerItem)} µs CPU/item ` +
        `(one vCPU: ${int(m.cpuBoundPerWorker[op])} items/s); the model uses **${int(m.perWorker[op])} items/s**`,
    ]),
    ['Checkpoints of one running segment', `${int(measured.checkpointBytes)} B`],
    ...(largest && smallest
      ? [
          [
            `Copy time per item, ${int(largest.items)} vs ${int(smallest.items)} items`,
            `${(largest.microsPerItem / smallest.microsPerItem).toFixed(2)}x`,
          ],
          [
            `Engine peak RSS at ${int(largest.items)} items`,
            `${int(largest.peakRssMb)} MB (a 1,769 MB Lambda has room)`,
          ],
        ]
      : []),
    [
      'Taken',
      `${measured.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${measured.items === undefined ? '?' : int(measured.items)} items, ` +
        `load average ${measured.loadAverageAtStart?.toFixed(1) ?? '?'}` +
        (measured.machine
          ? ` on ${measured.machine.cpus} × ${measured.machine.cpuModel}, ${measured.machine.memoryGiB} GiB` +
            (measured.machine.loaded ? ' (loaded: other processes competed)' : ' (quiet)')
          : ''),
    ],
  ];
  const limits = [
    ['Table throughput (on demand, default quota)', '40,000 read and 40,000 write units/s', 'AWS'],
    ['One partition', '1,000 write and 3,000 read units/s, 10 GB', 'AWS'],
    ['A new on-demand table, until its traffic grows', '4,000 write and 12,000 read units/s', 'AWS'],
    ['Distributed Map', `${int(AWS.distributedMapChildren)} child executions at once`, 'AWS'],
    ['Lambda', `${int(AWS.lambdaConcurrency)} concurrent executions by default; 15 minutes a call`, 'AWS'],
    [
      'A segment call of the workflow',
      `returns after ${WORKFLOW.callSeconds / 60} minutes and is called again`,
      'workflow',
    ],
    [
      "The run's journal record",
      `about ${m.journalWorkers} workers: one 400 KB item on one partition, rewritten by every worker every second`,
      'model, measured checkpoint size',
    ],
    ['The sync state machine', `times out after ${WORKFLOW.syncTimeoutSeconds / 3600} hours`, 'workflow'],
  ];
  const examples = m.examples.flatMap((e, i) => [
    [
      e.size,
      e.mode,
      compact(e.items),
      `${int(e.capacity.writeUnitsPerSecond)} / ${int(e.capacity.readUnitsPerSecond)}`,
      `${e.today.workers} (${e.vcpus} vCPUs)`,
      `${AWS.pitrRestoreMinutes.least}–${AWS.pitrRestoreMinutes.usual} min`,
      duration(e.today.syncSeconds),
      duration(e.today.verifySeconds),
      `**${range(e.rtoMinutes.least * 60, e.rtoMinutes.usual * 60)}**${e.exceedsSyncTimeout ? ' (over the sync timeout)' : ''}`,
      `${duration(e.awsLimited.syncSeconds + e.awsLimited.verifySeconds)} (${e.awsLimited.workers} workers)`,
    ],
    ...(m.examples[i + 1]?.size === e.size ? [] : [revertRow(e)]),
  ]);
  const costs = m.examples.map((e) => {
    const perMillion = (usd: number) => usd / (e.items / 1e6);
    return [
      e.size,
      e.mode,
      usd(perMillion(e.cost.lambdaUsd)),
      usd(perMillion(e.cost.stepFunctionsUsd)),
      usd(perMillion(e.cost.capacityUsd)),
      `**${usd(perMillion(e.cost.lambdaUsd + e.cost.stepFunctionsUsd + e.cost.capacityUsd))}**`,
      `${usd(e.cost.lambdaUsd + e.cost.stepFunctionsUsd + e.cost.capacityUsd)}`,
    ];
  });
  const against = m.comparisons.map((c) => [
    c.size,
    duration(c.referenceResetSeconds),
    duration(c.resetSeconds),
    `**${(c.referenceResetSeconds / c.resetSeconds).toFixed(1)}x**`,
    duration(c.copyDynamodbTableSeconds),
    duration(c.copySeconds),
    `**${(c.copyDynamodbTableSeconds / c.copySeconds).toFixed(1)}x**`,
  ]);
  return [
    '#### Measured here (the inputs)',
    '',
    table(['Figure', 'Value'], inputs),
    '',
    '#### Limits',
    '',
    table(['Limit', 'Value', 'Whose'], limits),
    '',
    `#### Worked examples (items of ${measured.itemBytes.toFixed(0)} B; delta: ${CHANGED_SHARE * 100}% of the items differ)`,
    '',
    table(
      [
        'Table',
        'Mode',
        'Items',
        'Capacity (write / read units/s)',
        'Workers (vCPUs the capacity needs)',
        'PITR restore (AWS)',
        'Sync',
        'Verify',
        'RTO',
        'Sync + verify, workers not capped by the journal',
      ],
      examples,
    ),
    '',
    `#### Against the tools it replaces (reference reset ${int(m.referenceResetPerSecond)} items/s, copy-dynamodb-table ${int(m.copyDynamodbTablePerSecond)} items/s; target 10x)`,
    '',
    table(
      [
        'Table',
        'Reference reset (one thread)',
        'dynamo-dr reset + verify',
        'Faster',
        'copy-dynamodb-table',
        'dynamo-dr copy phase',
        'Faster',
      ],
      against,
    ),
    '',
    '#### Cost per million items (us-east-1 list prices, on-demand capacity)',
    '',
    table(['Table', 'Mode', 'Lambda', 'Step Functions', 'DynamoDB capacity', 'Total', 'Whole table'], costs),
  ].join('\n');
}

/**
 * A revert of the example's table, 1% of its items changed: no PITR restore but incremental exports (AWS publishes
 * no duration for them), then one write per changed key and one read back, at the rates one process reached in
 * bench/results/revert.json under AWS-like latency (the deployed machine's segment workers are not counted), capped
 * by the table's capacity (a write unit per changed key of under 1 KB, half a read unit per key read back).
 */
function revertRow(e: RtoModel['examples'][number]): string[] {
  const run = revert?.modes.find((m) => m.mode === 'revert');
  const head = [
    e.size,
    'revert',
    compact(e.items),
    `${int(e.capacity.writeUnitsPerSecond)} / ${int(e.capacity.readUnitsPerSecond)}`,
    'this process',
    'none: incremental exports (no AWS figure)',
  ];
  // A revert.json from before the phases were recorded has no rates to model with.
  if (!revert || !run || !(run.syncSeconds > 0 && run.verifySeconds > 0)) {
    return [...head, 'to be measured (`npm run bench -- revert`)', '—', '—', '—'];
  }
  const changed = e.items * CHANGED_SHARE;
  const unitsPerItem = Math.ceil(measured.itemBytes / AWS.writeUnitBytes);
  const writeSeconds =
    changed / Math.min(revert.changed / run.syncSeconds, e.capacity.writeUnitsPerSecond / unitsPerItem);
  const readSeconds = changed / Math.min(revert.changed / run.verifySeconds, e.capacity.readUnitsPerSecond * 2);
  return [
    ...head,
    duration(writeSeconds),
    duration(readSeconds),
    `**exports + ${duration(writeSeconds + readSeconds)}**`,
    '—',
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function compact(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

function usd(value: number): string {
  return value >= 100 ? `$${int(value)}` : `$${value.toPrecision(2)}`;
}

/** `a – b`, or one figure when both read the same. */
function range(least: number, most: number): string {
  return duration(least) === duration(most) ? duration(least) : `${duration(least)} – ${duration(most)}`;
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}
