/**
 * Sandbox PITR at scale: writes a 100k-item table (~200 B items), damages it,
 * restores it to the moment before the damage, and checks the restored table
 * holds exactly the original items (count + every item's content). Reports,
 * as ratios measured in this run: restore time against the time the items
 * took to write, and with a data directory against in memory. How restore
 * time follows the journal's growth is bench/journalTrim.bench.ts's.
 *
 * Run: npm run bench -- sandboxRestore  (BENCH_ITEMS sets the size; writes
 * bench/results/sandbox-restore.json)
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  RestoreTableToPointInTimeCommand,
  ScanCommand,
  UpdateContinuousBackupsCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../packages/sandbox/src/index.js';
import { writeBenchResults } from './writeBenchResults.js';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const DAMAGED = Math.min(1000, ITEMS);
const CONCURRENCY = 8;
const SCAN_SEGMENTS = 4;

interface ModeResult {
  readonly mode: string;
  readonly items: number;
  readonly writeItemsPerSecond: number;
  /** How long writing the items once took (the last round), and the restore. */
  readonly writeMs: number;
  readonly restoreMs: number;
  readonly restoredItems: number;
  readonly contentMatches: boolean;
  readonly journalBytes: number | null;
  readonly journalBytesPerWrite: number | null;
}

/** Item i: ~200 bytes of DynamoDB JSON, deterministic so the restored content can be checked item by item. */
function item(i: number): Record<string, AttributeValue> {
  const id = String(i).padStart(8, '0');
  return {
    pk: { S: `customer#${id}` },
    sk: { N: String(i % 97) },
    name: { S: `Customer ${id}` },
    balance: { N: String((i * 37) % 100_000) },
    payload: { S: `${id}:${'abcdefghij'.repeat(10)}` },
  };
}

async function writeAll(ddb: DynamoDBClient, table: string, items: (i: number) => Record<string, AttributeValue>) {
  let next = 0;
  const worker = async () => {
    while (next < ITEMS) {
      const start = next;
      next += 25;
      const batch = Array.from({ length: Math.min(25, ITEMS - start) }, (_, k) => ({
        PutRequest: { Item: items(start + k) },
      }));
      let request: Record<string, typeof batch> | undefined = { [table]: batch };
      while (request) {
        const out: { UnprocessedItems?: Record<string, unknown> } = await ddb.send(
          new BatchWriteItemCommand({ RequestItems: request }),
        );
        request =
          out.UnprocessedItems && Object.keys(out.UnprocessedItems).length
            ? (out.UnprocessedItems as never)
            : undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function scanAll(ddb: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
  const segments = await Promise.all(
    Array.from({ length: SCAN_SEGMENTS }, async (_, segment) => {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await ddb.send(
          new ScanCommand({
            TableName: table,
            Segment: segment,
            TotalSegments: SCAN_SEGMENTS,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    }),
  );
  return segments.flat();
}

async function run(mode: 'memory' | 'dataDir'): Promise<ModeResult> {
  const dataDir = mode === 'dataDir' ? fs.mkdtempSync(path.join(os.tmpdir(), 'ddr-bench-')) : undefined;
  const sandbox = await startSandbox({ dataDir, restoreBaseMs: 0, restorePerItemMs: 0 });
  const ddb = new DynamoDBClient(sandbox.clientConfig);
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= sandbox.stop());
  try {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'orders',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    await untilActive(ddb, 'orders');
    await ddb.send(
      new UpdateContinuousBackupsCommand({
        TableName: 'orders',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
    const writeStart = performance.now();
    await writeAll(ddb, 'orders', item);
    const writeSeconds = (performance.now() - writeStart) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeDamage = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The damage a restore must undo: a thousand items overwritten.
    const damaged = (i: number) => ({ ...item(i), payload: { S: 'corrupted' } });
    await ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { orders: Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: damaged(k) } })) },
      }),
    );
    for (let i = 25; i < DAMAGED; i += 25) {
      await ddb.send(
        new BatchWriteItemCommand({
          RequestItems: { orders: Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: damaged(i + k) } })) },
        }),
      );
    }

    const restoreStart = performance.now();
    await ddb.send(
      new RestoreTableToPointInTimeCommand({
        SourceTableName: 'orders',
        TargetTableName: 'orders-restored',
        RestoreDateTime: beforeDamage,
      }),
    );
    await untilActive(ddb, 'orders-restored');
    const restoreMs = performance.now() - restoreStart;

    const restored = await scanAll(ddb, 'orders-restored');
    const byKey = new Map(restored.map((it) => [`${it.pk?.S}/${it.sk?.N}`, it]));
    let contentMatches = restored.length === ITEMS;
    for (let i = 0; contentMatches && i < ITEMS; i++) {
      const expected = item(i);
      const got = byKey.get(`${expected.pk?.S}/${expected.sk?.N}`);
      contentMatches =
        JSON.stringify(got, Object.keys(expected).sort()) === JSON.stringify(expected, Object.keys(expected).sort());
    }
    let journalBytes: number | null = null;
    if (dataDir) {
      // Stopped first, so every journal file is flushed.
      await stop();
      const dir = path.join(dataDir, 'dynamodb', sandbox.region, 'sandbox', 'journal');
      journalBytes = fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
    }
    const writes = ITEMS + DAMAGED;
    return {
      mode,
      items: ITEMS,
      writeItemsPerSecond: Math.round(ITEMS / writeSeconds),
      writeMs: Math.round(writeSeconds * 1000),
      restoreMs: Math.round(restoreMs),
      restoredItems: restored.length,
      contentMatches,
      // The journal files hold the source's writes and the restored table's seed (ITEMS entries).
      journalBytes,
      journalBytesPerWrite: journalBytes === null ? null : Math.round(journalBytes / (writes + ITEMS)),
    };
  } finally {
    ddb.destroy();
    await stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function untilActive(ddb: DynamoDBClient, table: string): Promise<void> {
  for (;;) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const [memory, dataDir] = [await run('memory'), await run('dataDir')];
const results = [memory, dataDir];
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
console.log(`sandbox PITR restore of ${ITEMS} items, ${DAMAGED} damaged after the point restored to`);
console.table([
  {
    measure: 'restore, in memory',
    result: `${memory.restoreMs} ms = ${ratio(memory.restoreMs, memory.writeMs)} the time to write the items`,
  },
  {
    measure: 'restore, data directory',
    result:
      `${dataDir.restoreMs} ms = ${ratio(dataDir.restoreMs, memory.restoreMs)} in memory; ` +
      `journal ${dataDir.journalBytesPerWrite} B a write`,
  },
  ...results.map((r) => ({
    measure: `${r.mode}: content`,
    result: `${r.restoredItems} restored, ${r.contentMatches ? 'exactly the items before the damage' : 'WRONG'}`,
  })),
]);
const out = await writeBenchResults('sandbox-restore', { date: new Date().toISOString(), results });
console.error(`wrote ${out}`);
if (results.some((r) => !r.contentMatches)) {
  console.error('FAILED: a restored table does not hold exactly the items written before the damage');
  process.exitCode = 1;
}
