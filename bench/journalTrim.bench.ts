/**
 * The sandbox's PITR journal as it grows, folded to the recovery period or not: restore time and journal size.
 *
 * Two sandboxes (with data directories, so the journal files are real), each with a table written alike, in the
 * same batches: updates over a fixed set of keys. `trimmed` has a recovery period of one "day" (`pitrDayMs`, here
 * two seconds), so its journal holds the window's writes and the state at the window's start; `untrimmed` has
 * AWS's default of 35 real days, so its journal holds every write, as it did before folding existed. At each
 * checkpoint both are restored to a moment just before their last batch (inside both windows): the restore
 * replays the journal up to that moment, all of it for `untrimmed`, the base state and the window for `trimmed`;
 * that replay happens while the restore request is answered, so the request's time is the journal's share of a
 * restore (reaching ACTIVE adds loading the items, the same for both). Then each sandbox is restarted on its data
 * directory: the start reads the whole journal file back.
 *
 * The targets are the trimmed table's: the restore a user waits for (request to ACTIVE) and the journal's share of it
 * (the request) stay flat as the history grows past the recovery period, and its journal stays within the factor
 * of two that folding in steps allows (docs/sandbox.md). Every checkpoint's trimmed journal must have been folded
 * already (its history longer than the period: before each checkpoint the writes are let age one period, then one
 * fold check's worth more is written), or the comparison would not be of a trimmed journal: the bench fails then.
 * The untrimmed table shows what trimming prevents (its request must grow past the trimmed one's). The restart is
 * reported, not targeted: at these sizes it is mostly dynalite's own start.
 *
 * Run: npm run bench journalTrim  (writes bench/results/journal-trim.json). BENCH_STEPS=4 checkpoints, doubling
 * from BENCH_FIRST=50000 writes per table.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  RestoreTableToPointInTimeCommand,
  UpdateContinuousBackupsCommand,
} from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../packages/sandbox/src/index.js';
import { writeBenchResults } from './writeBenchResults.js';

const FIRST = Number(process.env.BENCH_FIRST ?? 50_000);
const STEPS = Number(process.env.BENCH_STEPS ?? 4);
const KEYS = 1000;
const DAY_MS = 2000;
const CONCURRENCY = 8;
const BATCH = 25;
/** Restores per mode and checkpoint: their median is the figure (one restore takes a few hundred ms). */
const RESTORES_PER_CHECKPOINT = 9;
/** The sandbox checks a journal for entries to fold every 256 writes of its table (docs/sandbox.md). */
const FOLD_CHECK_EVERY = 256;
const TABLE = 'history';
const MODES = ['trimmed', 'untrimmed'] as const;
type Mode = (typeof MODES)[number];

/** Targets: with folding, restore time and journal size stay flat while the history grows 2^(STEPS-1) times. */
const TARGETS = {
  trimmedActiveGrowth: 1.5,
  trimmedRequestGrowth: 1.5,
  // Folded in steps, a journal holds between what its window needs and about twice that.
  trimmedJournalGrowth: 2,
  untrimmedOverTrimmedRequest: 1.5,
};

/** One mode's figures at a checkpoint (medians of RESTORES_PER_CHECKPOINT restores). */
interface Figures {
  /** RestoreTableToPointInTime's answer: validation, the journal's replay, the new table's creation. */
  readonly requestMs: number;
  /** From the request until the restored table is ACTIVE (its items loaded). */
  readonly activeMs: number;
  readonly journalBytes: number;
  /** startSandbox on the data directory: dynalite's start and the journal read back. */
  readonly restartMs: number;
  /** The journal starts with a folded base state: the history is longer than the recovery period. */
  readonly folded: boolean;
}

interface Checkpoint {
  readonly writesPerTable: number;
  readonly figures: Record<Mode, Figures>;
}

interface Target {
  sandbox: Sandbox;
  ddb: DynamoDBClient;
  readonly dataDir: string;
  journalFile: string;
}

const options = (mode: Mode, dataDir: string) => ({
  dataDir,
  restoreBaseMs: 0,
  restorePerItemMs: 0,
  ...(mode === 'trimmed' ? { pitrDayMs: DAY_MS } : {}),
});
const targets = {} as Record<Mode, Target>;
for (const mode of MODES) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ddr-bench-${mode}-`));
  const sandbox = await startSandbox(options(mode, dataDir));
  targets[mode] = { sandbox, ddb: new DynamoDBClient(sandbox.clientConfig), dataDir, journalFile: '' };
}
const checkpoints: Checkpoint[] = [];
try {
  for (const mode of MODES) {
    const { ddb, sandbox, dataDir } = targets[mode];
    await ddb.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    await untilActive(ddb, TABLE);
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: TABLE,
        PointInTimeRecoverySpecification: {
          PointInTimeRecoveryEnabled: true,
          RecoveryPeriodInDays: mode === 'trimmed' ? 1 : 35,
        },
      }),
    );
    const id = (await ddb.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableId as string;
    targets[mode].journalFile = path.join(dataDir, 'dynamodb', sandbox.region, 'sandbox', 'journal', `${id}.log`);
  }

  let written = 0;
  for (let step = 0; step < STEPS; step++) {
    const target = FIRST * 2 ** step;
    await writeUpTo(written, target);
    // Past the recovery period at every checkpoint, whatever the machine's speed: what was written is let age by
    // one period, then one fold check's worth of writes lets the trimmed journal fold it.
    await sleep(DAY_MS);
    await writeUpTo(target, target + FOLD_CHECK_EVERY);
    written = target + FOLD_CHECK_EVERY;
    const figures = {} as Record<Mode, Figures>;
    for (const mode of MODES) {
      const timings: { requestMs: number; activeMs: number }[] = [];
      for (let n = 0; n < RESTORES_PER_CHECKPOINT; n++) {
        // A moment just before one more batch of writes: the replay cannot take the journal's end as a shortcut.
        await sleep(2);
        const restoreAt = new Date();
        await sleep(2);
        await writeUpTo(written, written + BATCH);
        written += BATCH;
        timings.push(await timedRestore(targets[mode].ddb, restoreAt, `${TABLE}-${step}-${n}`));
      }
      figures[mode] = {
        requestMs: median(timings.map((t) => t.requestMs)),
        activeMs: median(timings.map((t) => t.activeMs)),
        journalBytes: fs.statSync(targets[mode].journalFile).size,
        folded: startsFolded(targets[mode].journalFile),
        restartMs: await restart(mode),
      };
    }
    checkpoints.push({ writesPerTable: written, figures });
    if (!figures.trimmed.folded) {
      throw new Error(
        `the trimmed journal was not folded yet at ${written} writes: its history is not past the recovery ` +
          `period of ${DAY_MS} ms, so nothing trimmed is measured`,
      );
    }
    if (figures.untrimmed.folded) throw new Error('the untrimmed journal was folded: nothing was compared');
  }
} finally {
  for (const { ddb, sandbox, dataDir } of Object.values(targets)) {
    ddb.destroy();
    await sandbox.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Whether a journal file begins with a folded base state (`#base`, docs/sandbox.md); reads only its first bytes. */
function startsFolded(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    fs.readSync(fd, head, 0, 5, 0);
    return head.toString() === '#base';
  } finally {
    fs.closeSync(fd);
  }
}

/** Stops a mode's sandbox and starts it again on its data directory; the start's time in ms. */
async function restart(mode: Mode): Promise<number> {
  const target = targets[mode];
  target.ddb.destroy();
  await target.sandbox.stop();
  const start = performance.now();
  target.sandbox = await startSandbox(options(mode, target.dataDir));
  const ms = performance.now() - start;
  target.ddb = new DynamoDBClient(target.sandbox.clientConfig);
  return ms;
}

/** Writes update number `from` to `to` into both tables, in the same batches: key i % KEYS gets value i. */
async function writeUpTo(from: number, to: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + BATCH);
      const writes = Array.from({ length: next - start }, (_, k) => ({
        PutRequest: { Item: { pk: { S: `k${(start + k) % KEYS}` }, v: { N: String(start + k) } } },
      }));
      await Promise.all(MODES.map((mode) => writeBatch(targets[mode].ddb, writes)));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function writeBatch(ddb: DynamoDBClient, writes: unknown[]): Promise<void> {
  let request: Record<string, unknown[]> | undefined = { [TABLE]: writes };
  while (request) {
    const out: { UnprocessedItems?: Record<string, unknown> } = await ddb.send(
      new BatchWriteItemCommand({ RequestItems: request as never }),
    );
    const left = out.UnprocessedItems;
    request = left && Object.keys(left).length ? (left as typeof request) : undefined;
  }
}

/** The restore request's time and the time until the restored table is ACTIVE, in ms; the table is dropped after. */
async function timedRestore(
  ddb: DynamoDBClient,
  at: Date,
  target: string,
): Promise<{ requestMs: number; activeMs: number }> {
  const start = performance.now();
  await ddb.send(
    new RestoreTableToPointInTimeCommand({ SourceTableName: TABLE, TargetTableName: target, RestoreDateTime: at }),
  );
  const requestMs = performance.now() - start;
  await untilActive(ddb, target);
  const activeMs = performance.now() - start;
  await ddb.send(new DeleteTableCommand({ TableName: target }));
  return { requestMs, activeMs };
}

async function untilActive(ddb: DynamoDBClient, table: string): Promise<void> {
  for (;;) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await sleep(2);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const first = checkpoints[0] as Checkpoint;
const last = checkpoints[checkpoints.length - 1] as Checkpoint;
const round = (n: number) => Math.round(n * 100) / 100;
const growth = (mode: Mode, figure: Exclude<keyof Figures, 'folded'>) =>
  round(last.figures[mode][figure] / first.figures[mode][figure]);
console.table(
  checkpoints.flatMap((c) =>
    MODES.map((mode) => ({
      'writes/table': c.writesPerTable,
      mode,
      'request ms': round(c.figures[mode].requestMs),
      'to ACTIVE ms': Math.round(c.figures[mode].activeMs),
      'journal KB': Math.round(c.figures[mode].journalBytes / 1024),
      'restart ms': Math.round(c.figures[mode].restartMs),
    })),
  ),
);
const ratios = {
  historyGrowth: round(last.writesPerTable / first.writesPerTable),
  trimmedRequestGrowth: growth('trimmed', 'requestMs'),
  untrimmedRequestGrowth: growth('untrimmed', 'requestMs'),
  trimmedActiveGrowth: growth('trimmed', 'activeMs'),
  untrimmedActiveGrowth: growth('untrimmed', 'activeMs'),
  trimmedJournalGrowth: growth('trimmed', 'journalBytes'),
  untrimmedJournalGrowth: growth('untrimmed', 'journalBytes'),
  trimmedRestartGrowth: growth('trimmed', 'restartMs'),
  untrimmedRestartGrowth: growth('untrimmed', 'restartMs'),
  untrimmedOverTrimmedRequest: round(last.figures.untrimmed.requestMs / last.figures.trimmed.requestMs),
  untrimmedOverTrimmedActive: round(last.figures.untrimmed.activeMs / last.figures.trimmed.activeMs),
};
const atMost = (ratio: keyof typeof TARGETS) => ({
  ratio,
  target: `≤ ${TARGETS[ratio]}`,
  ok: ratios[ratio] <= TARGETS[ratio],
});
const checks = [
  atMost('trimmedActiveGrowth'),
  atMost('trimmedRequestGrowth'),
  atMost('trimmedJournalGrowth'),
  {
    ratio: 'untrimmedOverTrimmedRequest',
    target: `≥ ${TARGETS.untrimmedOverTrimmedRequest}`,
    ok: ratios.untrimmedOverTrimmedRequest >= TARGETS.untrimmedOverTrimmedRequest,
  },
];
const informational = Object.keys(ratios).filter((r) => !checks.some((c) => c.ratio === r));
console.table([
  ...checks.map(({ ratio, target, ok }) => ({
    ratio,
    value: ratios[ratio as keyof typeof ratios],
    target,
    met: ok ? 'yes' : 'MISSED',
  })),
  ...informational.map((ratio) => ({ ratio, value: ratios[ratio as keyof typeof ratios], target: '-', met: '-' })),
]);
const out = await writeBenchResults('journal-trim', {
  date: new Date().toISOString(),
  keys: KEYS,
  dayMs: DAY_MS,
  checkpoints,
  ratios,
  targets: TARGETS,
});
console.error(`wrote ${out}`);
// Like the other benchmarks, a missed target is a result (read it with the machine's load), not a failure of the
// run: `npm run bench` fails only when a benchmark could not measure what it measures (above).
if (checks.some((c) => !c.ok)) console.error('a target was missed (see the table above)');
