import {
  DeleteItemCommand,
  PutItemCommand,
  RestoreTableToPointInTimeCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { contentOf, untilActive } from '../dynamodb/conformanceTarget.js';
import { createTable } from '../faults/faultTestKit.js';

// What the AWS CLI and boto3 runbook tests share: a table whose history around one whole second shows what a
// client's time precision restores (the environment they run with is ../awsCliRun.ts's).

/**
 * Whether a client of this botocore-based tool version reads AWS_ENDPOINT_URL: the AWS CLI from 1.29.0 and
 * 2.13.0, boto3 from botocore 1.31.0
 * (https://aws.amazon.com/blogs/developer/new-improved-flexibility-when-configuring-endpoint-urls-with-the-aws-sdks-and-tools/).
 * Older ones (Debian 12 packages the AWS CLI 2.9 and botocore 1.29) need the endpoint given explicitly.
 */
export function readsEndpointFromEnvironment(version: string, since: Readonly<Record<number, number>>): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const minimum = since[major];
  return minimum !== undefined && minor >= minimum;
}

/** The runbook's table: events keyed by `pk` (`rule#MD-001#1`, …), as the runbook's scan filter expects. */
export async function createEventsTable(ddb: DynamoDBClient, name: string): Promise<void> {
  await createTable(ddb, name);
  await untilActive(ddb, name);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const put = (ddb: DynamoDBClient, table: string, pk: string) =>
  ddb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, v: { S: 'x' } } }));

/** A table's history around one whole second S, and the moment S.999 that a runbook restores to. */
export interface SecondHistory {
  /** `S.999Z` in ISO 8601, as a runbook's TARGET_TIME. */
  readonly targetTime: string;
  /** S, in milliseconds. */
  readonly wholeSecondMs: number;
  /** The rule#MD-001 events the table held at S (and still at S.999, but for `late`). */
  readonly heldAtSecond: readonly string[];
  /** The event written between S and S.999: restored at S.999, not at S. */
  readonly late: string;
}

/**
 * Writes, into a table with PITR on: three events before a whole second S, one (`late`) just after S, and, once
 * S.999 is past, deletes one of the first (the "incident" a restore undoes).
 */
export async function writeAroundASecond(ddb: DynamoDBClient, table: string): Promise<SecondHistory> {
  for (const pk of ['rule#MD-001#1', 'rule#MD-001#2', 'rule#MD-002#1']) await put(ddb, table, pk);
  const late = 'rule#MD-001#late';
  let wholeSecondMs: number;
  for (;;) {
    wholeSecondMs = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await sleep(wholeSecondMs + 20 - Date.now());
    await put(ddb, table, late);
    // Acknowledged well before S.999 (a busy machine can stall): written inside the second. Else try the next one.
    if (Date.now() < wholeSecondMs + 900) break;
    await ddb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: late } } }));
  }
  await sleep(wholeSecondMs + 1050 - Date.now());
  await ddb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: 'rule#MD-001#1' } } }));
  return {
    targetTime: new Date(wholeSecondMs + 999).toISOString(),
    wholeSecondMs,
    heldAtSecond: ['rule#MD-001#1', 'rule#MD-001#2'],
    late,
  };
}

/** What the SDK v3 restores at the same TARGET_TIME: it sends milliseconds, so `late` is there. */
export async function sdkRestoreAt(ddb: DynamoDBClient, source: string, targetTime: string): Promise<string[]> {
  const target = `${source}-sdk`;
  await ddb.send(
    new RestoreTableToPointInTimeCommand({
      SourceTableName: source,
      TargetTableName: target,
      RestoreDateTime: new Date(targetTime),
    }),
  );
  await untilActive(ddb, target);
  return Object.keys(await contentOf(ddb, target))
    .filter((pk) => pk.startsWith('rule#MD-001'))
    .sort();
}

/** A time a client printed, in milliseconds: the AWS CLI v1 prints epoch seconds, v2 and boto3 ISO 8601. */
export function epochMs(value: unknown): number {
  return typeof value === 'number' ? Math.round(value * 1000) : Date.parse(String(value));
}
