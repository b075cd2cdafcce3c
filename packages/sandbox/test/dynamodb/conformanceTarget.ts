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
import { afterAll, beforeAll, expect } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/index.js';
import { SANDBOX_ACCOUNT } from '../../src/sandboxAccount.js';

/**
 * Opt-in: `DYNAMO_DR_CONFORMANCE_AWS=1` runs the conformance suites (DynamoDB, Lambda, SSM) against real AWS
 * (default credential chain and endpoint; they create and delete what they name with the run's suffix: tables
 * and backups `ddr-conf-*`, functions `conf-*`, parameters under `/dynamo-dr-conformance/`). The Lambda suite also
 * needs `DYNAMO_DR_CONFORMANCE_LAMBDA_ROLE` (an execution role ARN) and `DYNAMO_DR_CONFORMANCE_SQS_ARN` (a queue
 * the role may poll). Never set in CI.
 */
export const ON_AWS = process.env.DYNAMO_DR_CONFORMANCE_AWS === '1';

/** Restores on AWS take minutes (95% finish within an hour); on the sandbox, milliseconds. */
export const RESTORE_TIMEOUT_MS = ON_AWS ? 2 * 60 * 60 * 1000 : 30_000;

/** Where a conformance suite runs: the sandbox it started, or AWS. */
export interface ConformanceTarget {
  /** Settings for any SDK v3 client: the sandbox's endpoint and credentials, or only the region on AWS. */
  readonly clientConfig: Readonly<SandboxClientConfig> | { readonly region: string };
  readonly ddb: DynamoDBClient;
  readonly region: string;
  readonly sandbox?: Sandbox;
  /** This run's mark, in every name a suite makes. */
  readonly suffix: string;
  /** A Lambda execution role and an SQS queue ARN (on AWS, from the environment). */
  readonly roleArn: string;
  readonly queueArn: string;
  /** A fresh table name (and remembers it for cleanup). */
  tableName(label: string): string;
  /** The helpers below, with this target's client. */
  untilActive(name: string): Promise<void>;
  untilBackupAvailable(arn: string): Promise<void>;
  untilRestorable(name: string, time: Date): Promise<void>;
  contentOf(name: string): ReturnType<typeof contentOf>;
  listedTables(): Promise<string[]>;
  /** Remembers a backup for cleanup. */
  trackBackup(arn: string): void;
  stop(): Promise<void>;
}

type SandboxClientConfig = Sandbox['clientConfig'];

/** Starts a sandbox (fast timings by default) or, with DYNAMO_DR_CONFORMANCE_AWS=1, targets AWS. */
export async function startTarget(options: SandboxOptions = {}): Promise<ConformanceTarget> {
  const sandbox = ON_AWS ? undefined : await startSandbox({ restoreBaseMs: 50, backupCreateMs: 50, ...options });
  const region = sandbox?.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const clientConfig = sandbox?.clientConfig ?? { region };
  const ddb = new DynamoDBClient(clientConfig);
  const suffix = randomBytes(3).toString('hex');
  const tables: string[] = [];
  const backups: string[] = [];
  return {
    clientConfig,
    ddb,
    region,
    sandbox,
    suffix,
    roleArn: sandbox
      ? `arn:aws:iam::${SANDBOX_ACCOUNT}:role/conformance`
      : fromEnvironment('DYNAMO_DR_CONFORMANCE_LAMBDA_ROLE'),
    queueArn: sandbox
      ? `arn:aws:sqs:${region}:${SANDBOX_ACCOUNT}:conformance-${suffix}`
      : fromEnvironment('DYNAMO_DR_CONFORMANCE_SQS_ARN'),
    tableName(label) {
      const name = `ddr-conf-${suffix}-${label}`;
      tables.push(name);
      return name;
    },
    trackBackup: (arn) => void backups.push(arn),
    untilActive: (name) => untilActive(ddb, name),
    untilBackupAvailable: (arn) => untilBackupAvailable(ddb, arn),
    untilRestorable: (name, time) => untilRestorable(ddb, name, time),
    contentOf: (name) => contentOf(ddb, name),
    listedTables: () => listedTables(ddb),
    async stop() {
      if (ON_AWS) await cleanUp(ddb, tables, backups);
      ddb.destroy();
      await sandbox?.stop();
    },
  };
}

/**
 * The conformance fixture: a target started before the file's tests and stopped after them. Read it inside tests
 * and hooks only (it exists once `beforeAll` has run).
 */
export function conformanceSuite(options: SandboxOptions = {}): ConformanceTarget {
  let started: ConformanceTarget | undefined;
  beforeAll(async () => {
    started = await startTarget(options);
  });
  afterAll(() => started?.stop());
  return new Proxy({} as ConformanceTarget, {
    get(_, member) {
      if (!started) throw new Error('The conformance target is read before beforeAll started it.');
      return Reflect.get(started, member) as unknown;
    },
  });
}

/** A setting the suites need on AWS; empty (so what needs it fails, naming it) when not set. */
function fromEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) console.warn(`DYNAMO_DR_CONFORMANCE_AWS=1 needs ${name} for the Lambda suite.`);
  return value ?? '';
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
