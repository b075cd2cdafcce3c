import {
  DeleteBackupCommand,
  DeleteTableCommand,
  DescribeBackupCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  UpdateTableCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';

/**
 * Opt-in: `DYNAMO_DR_CONFORMANCE_AWS=1` runs the conformance suite against
 * real DynamoDB (default credential chain and endpoint; it creates and
 * deletes tables and backups named `ddr-conf-*`). Never set in CI.
 */
export const ON_AWS = process.env.DYNAMO_DR_CONFORMANCE_AWS === '1';

/** Restores on AWS take minutes (95% finish within an hour); on the sandbox, milliseconds. */
export const RESTORE_TIMEOUT_MS = ON_AWS ? 2 * 60 * 60 * 1000 : 30_000;

/** Where a conformance test runs: the sandbox it started, or AWS. */
export interface ConformanceTarget {
  readonly ddb: DynamoDBClient;
  readonly region: string;
  readonly sandbox?: Sandbox;
  /** A fresh table name (and remembers it for cleanup). */
  tableName(label: string): string;
  /** Remembers a backup for cleanup. */
  trackBackup(arn: string): void;
  stop(): Promise<void>;
}

/** Starts a sandbox (fast timings by default) or, with DYNAMO_DR_CONFORMANCE_AWS=1, targets AWS. */
export async function startTarget(options: SandboxOptions = {}): Promise<ConformanceTarget> {
  const sandbox = ON_AWS ? undefined : await startSandbox({ restoreBaseMs: 50, backupCreateMs: 50, ...options });
  const region = sandbox?.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const ddb = sandbox
    ? new DynamoDBClient({
        endpoint: sandbox.endpoint,
        region,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      })
    : new DynamoDBClient({ region });
  const run = randomBytes(3).toString('hex');
  const tables: string[] = [];
  const backups: string[] = [];
  return {
    ddb,
    region,
    sandbox,
    tableName(label) {
      const name = `ddr-conf-${run}-${label}`;
      tables.push(name);
      return name;
    },
    trackBackup: (arn) => void backups.push(arn),
    async stop() {
      if (ON_AWS) await cleanUp(ddb, tables, backups);
      ddb.destroy();
      await sandbox?.stop();
    },
  };
}

async function cleanUp(ddb: DynamoDBClient, tables: string[], backups: string[]): Promise<void> {
  for (const arn of backups) await ddb.send(new DeleteBackupCommand({ BackupArn: arn })).catch(() => undefined);
  for (const name of tables) {
    await ddb
      .send(new UpdateTableCommand({ TableName: name, DeletionProtectionEnabled: false }))
      .catch(() => undefined);
    await untilActive(ddb, name).catch(() => undefined);
    await ddb.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const POLL_MS = ON_AWS ? 10_000 : 20;

/** Polls DescribeTable until the table (and its indexes) are ACTIVE. */
export async function untilActive(ddb: DynamoDBClient, name: string): Promise<void> {
  for (;;) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: name }));
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    if (Table?.TableStatus === 'ACTIVE' && indexes.every((i) => i.IndexStatus === 'ACTIVE')) return;
    await sleep(POLL_MS);
  }
}

export async function untilBackupAvailable(ddb: DynamoDBClient, arn: string): Promise<void> {
  for (;;) {
    const { BackupDescription } = await ddb.send(new DescribeBackupCommand({ BackupArn: arn }));
    if (BackupDescription?.BackupDetails?.BackupStatus === 'AVAILABLE') return;
    await sleep(POLL_MS);
  }
}

/** Waits until `time` is inside the restorable window (AWS's LatestRestorableDateTime trails now by ~5 minutes). */
export async function untilRestorable(ddb: DynamoDBClient, name: string, time: Date): Promise<void> {
  for (;;) {
    const { ContinuousBackupsDescription: d } = await ddb.send(
      new DescribeContinuousBackupsCommand({ TableName: name }),
    );
    const latest = d?.PointInTimeRecoveryDescription?.LatestRestorableDateTime;
    if (latest && latest.getTime() >= time.getTime()) return;
    await sleep(POLL_MS);
  }
}

/**
 * A moment strictly between two writes: a few ms after what came before,
 * and a few ms before what comes next.
 */
export async function pointInTime(): Promise<Date> {
  await sleep(5);
  const at = new Date();
  await sleep(5);
  return at;
}

/** Every item of a table, as `pk` (and `sk`) → item, for exact comparison. */
export async function contentOf(
  ddb: DynamoDBClient,
  name: string,
): Promise<Record<string, Record<string, AttributeValue>>> {
  const content: Record<string, Record<string, AttributeValue>> = {};
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) content[`${item.pk?.S}${item.sk ? `/${item.sk.N}` : ''}`] = item;
    start = page.LastEvaluatedKey;
  } while (start);
  return content;
}

/**
 * The table names the endpoint lists (on AWS, only the conformance suite's):
 * to show a bad request left nothing behind.
 */
export async function listedTables(ddb: DynamoDBClient): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const page = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(page.TableNames ?? []));
    start = page.LastEvaluatedTableName;
  } while (start);
  return names.filter((n) => !ON_AWS || n.startsWith('ddr-conf-')).sort();
}

/** Asserts that `promise` fails with AWS exception `name` (and, if given, a message matching `message`). */
export async function expectAwsError(promise: Promise<unknown>, name: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } },
  );
  expect(error, `expected ${name}`).toBeDefined();
  expect(error?.name).toBe(name);
  expect(error?.$metadata?.httpStatusCode).toBe(400);
  if (message) expect(error?.message).toMatch(message);
}
