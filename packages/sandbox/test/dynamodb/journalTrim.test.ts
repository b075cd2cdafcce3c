import {
  BatchWriteItemCommand,
  CreateBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ExportTableToPointInTimeCommand,
  RestoreTableFromBackupCommand,
  RestoreTableToPointInTimeCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { startSandbox } from '../../src/index.js';
import { contentOf, expectAwsError, sleep, untilActive, untilBackupAvailable } from './conformanceTarget.js';
import { keyOf, readExport, untilExportDone } from './exportKit.js';
import { killChildSandbox, startChildSandbox, type ChildSandbox } from './processes.js';
import { createPitrTable } from './tables.js';

// Sandbox-only: the PITR journal keeps no more than the recovery period (AWS keeps no more), folding older writes
// into the state at the window's start, across restarts and a kill -9; restores, backups and exports are unchanged.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-trim-'));
let child: ChildSandbox | undefined;
afterAll(async () => {
  if (child) await killChildSandbox(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const TABLE = 'history';
const KEYS = 20;
const ROUNDS = 200;
/** One day of the recovery period while the history is written: the window is this long, the rest is folded. */
const DAY_MS = 300;
/** Writes are checked for folding every 256 writes; a fold happens once at least 256 can go. */
const FOLD_SLACK = 2 * 256;

/** Round r writes every key but one (deleted): the table after round r is exactly this. */
function stateAfter(round: number): TableState {
  const state: TableState = {};
  for (let k = 0; k < KEYS; k++) if (k !== round % KEYS) state[`k${k}/1`] = item(k, round);
  return state;
}
const item = (k: number, round: number): Record<string, AttributeValue> => ({
  pk: { S: `k${k}` },
  sk: { N: '1' },
  v: { N: String(round) },
});

interface Round {
  readonly startMs: number;
  readonly endMs: number;
}

it('after folding, across a kill -9 and a restart: every time in the window restores exactly, and the journal stays bounded', async () => {
  child = await startChildSandbox({ dataDir, pitrDayMs: DAY_MS, restoreBaseMs: 0 });
  let ddb = new DynamoDBClient({ ...clientConfig(child.endpoint) });
  await createPitrTable(ddb, TABLE, 1);
  const tableId = (await ddb.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableId as string;
  const journalFile = path.join(dataDir, 'dynamodb', 'us-east-1', 'sandbox', 'journal', `${tableId}.log`);

  const rounds: Round[] = [];
  const journalLines: number[] = [];
  let backupArn: string | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    const startMs = Date.now();
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [TABLE]: Array.from({ length: KEYS }, (_, k) =>
            k === r % KEYS
              ? { DeleteRequest: { Key: { pk: { S: `k${k}` }, sk: { N: '1' } } } }
              : { PutRequest: { Item: item(k, r) } },
          ),
        },
      }),
    );
    rounds.push({ startMs, endMs: Date.now() });
    // A backup early on: its cut is folded out of the journal long before the end.
    if (r === 5) {
      const { BackupDetails } = await ddb.send(new CreateBackupCommand({ TableName: TABLE, BackupName: 'early' }));
      backupArn = BackupDetails?.BackupArn;
    }
    if (r % 40 === 39) {
      await sleep(20); // let the journal's stream reach the file
      journalLines.push(fs.readFileSync(journalFile, 'utf8').split('\n').length - 1);
    }
    await sleep(8);
  }
  // The journal is bounded by the window, not by the history: at most about twice what one window holds
  // (its writes, and the base state of every key), whatever the number of rounds written.
  const roundsPerWindow = Math.max(
    ...rounds.map(
      (first) => rounds.filter((r) => r.startMs >= first.startMs && r.startMs <= first.startMs + DAY_MS).length,
    ),
  );
  const perWindow = KEYS * roundsPerWindow;
  const bound = 2 * (perWindow + KEYS) + FOLD_SLACK;
  expect(
    journalLines.every((lines) => lines <= bound),
    `journal lines ${journalLines.join(', ')} ≤ ${bound}`,
  ).toBe(true);
  expect(Math.max(...journalLines)).toBeLessThan((ROUNDS * KEYS) / 2);
  expect(fs.readFileSync(journalFile, 'utf8').startsWith('#base\t')).toBe(true);

  await sleep(100); // the last rounds' journal entries reach the file: kill -9 loses only what is still in memory
  ddb.destroy();
  await killChildSandbox(child);
  child = undefined;

  // A day long enough now that the window reaches back to what the journal kept: its start stays put.
  const sandbox = await startSandbox({
    dataDir,
    pitrDayMs: 3_600_000,
    restoreBaseMs: 0,
    exportMs: 0,
    minIncrementalExportPeriodMs: 50,
  });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  const s3 = new S3Client(sandbox.clientConfig);
  try {
    const window = (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: TABLE })))
      .ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    const earliestMs = window?.EarliestRestorableDateTime?.getTime() as number;
    expect(earliestMs).toBeGreaterThan(rounds[20]!.endMs); // the history before it was folded, and stays so
    await expectAwsError(
      ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: TABLE,
          TargetTableName: 'too-early',
          RestoreDateTime: new Date(earliestMs - 1),
        }),
      ),
      'InvalidRestoreTimeException',
    );

    const restore = async (target: string, atMs: number) => {
      await ddb.send(
        new RestoreTableToPointInTimeCommand({
          SourceTableName: TABLE,
          TargetTableName: target,
          RestoreDateTime: new Date(atMs),
        }),
      );
      await untilActive(ddb, target);
      return contentOf(ddb, target);
    };
    // At the window's start: the folded state. A BatchWriteItem is not atomic, so a round whose writes straddle
    // that moment may be in it in part: each key then holds its value from that round or from the one before.
    const straddling = rounds.findIndex((r) => r.startMs <= earliestMs && earliestMs <= r.endMs);
    const before = rounds.findLastIndex((r) => r.endMs < earliestMs);
    const atEarliest = await restore('at-earliest', earliestMs);
    if (straddling === -1) expect(atEarliest).toEqual(stateAfter(before));
    else expect(atEarliest).toEqual(eachKeyFromOneOf(atEarliest, stateAfter(straddling - 1), stateAfter(straddling)));
    // Between rounds, everywhere in the window (but the last two: what they wrote may not have reached the file when it was killed).
    const inWindow = rounds
      .map((r, i) => ({ i, gapMs: r.endMs + 2 }))
      .filter(({ i, gapMs }) => gapMs > earliestMs && i < ROUNDS - 2 && rounds[i + 1]!.startMs > gapMs);
    const sampled = inWindow.filter((_, n) => n % Math.ceil(inWindow.length / 6) === 0);
    expect(sampled.length).toBeGreaterThanOrEqual(4);
    for (const { i, gapMs } of sampled)
      expect(await restore(`at-round-${i}`, gapMs), `restored to after round ${i}`).toEqual(stateAfter(i));

    // The early backup restores exactly, though its cut left the journal long ago.
    await untilBackupAvailable(ddb, backupArn as string);
    await ddb.send(new RestoreTableFromBackupCommand({ BackupArn: backupArn, TargetTableName: 'early-backup' }));
    await untilActive(ddb, 'early-backup');
    expect(await contentOf(ddb, 'early-backup')).toEqual(stateAfter(5));

    // Exports read the same states: a full one at a round, an incremental one between two rounds.
    await s3.send(new CreateBucketCommand({ Bucket: 'trimmed' }));
    const [from, to] = [sampled[0]!, sampled[sampled.length - 1]!];
    const full = await exported(ddb, s3, { ExportTime: new Date(to.gapMs) });
    expect(Object.fromEntries(full.map((l) => [keyOf(l.Item as never), l.Item]))).toEqual(stateAfter(to.i));
    const incremental = await exported(ddb, s3, {
      ExportType: 'INCREMENTAL_EXPORT',
      IncrementalExportSpecification: {
        ExportFromTime: new Date(from.gapMs),
        ExportToTime: new Date(to.gapMs),
        ExportViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    const [atFrom, atTo] = [stateAfter(from.i), stateAfter(to.i)];
    const images = Object.fromEntries(
      incremental.map((line) => [`${(line.Keys as { pk: { S: string } }).pk.S}/1`, [line.OldImage, line.NewImage]]),
    );
    // Every key was written in the period; one absent at both ends is not exported.
    const changed = Object.keys({ ...atFrom, ...atTo });
    expect(images).toEqual(Object.fromEntries(changed.map((key) => [key, [atFrom[key], atTo[key]]])));
  } finally {
    ddb.destroy();
    s3.destroy();
    await sandbox.stop();
  }
});

type TableState = Record<string, Record<string, AttributeValue>>;

/**
 * The state `actual` should be if every key holds its value in `older` or in `newer` (absent counts as a value):
 * `actual` itself when it does, else `older` with the keys that match neither taken from `newer`, so the
 * assertion's diff shows which keys are wrong.
 */
function eachKeyFromOneOf(actual: TableState, older: TableState, newer: TableState): TableState {
  const keys = new Set([...Object.keys(actual), ...Object.keys(older), ...Object.keys(newer)]);
  const expected: TableState = {};
  for (const key of keys) {
    const value =
      isDeepStrictEqual(actual[key], older[key]) || isDeepStrictEqual(actual[key], newer[key])
        ? actual[key]
        : older[key];
    if (value) expected[key] = value;
  }
  return expected;
}

function clientConfig(endpoint: string) {
  return { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };
}

/** Runs an export of the table into the `trimmed` bucket and returns its data lines. */
async function exported(
  ddb: DynamoDBClient,
  s3: S3Client,
  spec: Partial<ConstructorParameters<typeof ExportTableToPointInTimeCommand>[0]>,
) {
  const { Table } = await ddb.send(new DescribeTableCommand({ TableName: TABLE }));
  const { ExportDescription } = await ddb.send(
    new ExportTableToPointInTimeCommand({
      TableArn: Table?.TableArn,
      S3Bucket: 'trimmed',
      ExportFormat: 'DYNAMODB_JSON',
      ...spec,
    }),
  );
  const done = await untilExportDone(ddb, ExportDescription?.ExportArn as string);
  expect(done.ExportStatus).toBe('COMPLETED');
  return (await readExport(s3, 'trimmed', done.ExportManifest as string)).lines;
}
