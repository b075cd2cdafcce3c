import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { Item } from '../aws/tableRef.js';
import { DRILL_REPORT_FORMAT, DRILL_REPORT_VERSION, type DrillReport } from '../drillReports/drillReport.js';
import { NotReadyError } from '../errors.js';
import { TOOL_VERSION } from '../itemFile/toolVersion.js';
import type { CheckpointStore } from '../checkpoint/checkpointStore.js';
import type { RunJournal } from '../journal/runJournal.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { describeTableIfExists, readRestorableWindow } from '../aws/dynamoDbCalls.js';
import { untilReady } from '../workflow/untilReady.js';
import { assertBeforeDeadline } from '../workflow/deadline.js';
import { sleep } from '../sync/backoff.js';
import { digestTable } from '../sync/digestTable.js';
import type { TableDigest } from '../sync/tableDigest.js';
import { canaryItem, canarySet, type Canary, type CanarySet } from './canaries.js';
import { deleteItem, putItem, queryIndexCount } from './canaryCalls.js';
import { drillFailures } from './drillOutcome.js';
import { drillSeconds } from './drillSeconds.js';
import type { DrillPlan } from './drillPlan.js';
import { beginDrillRun, recordDrill } from './drillRun.js';
import { recover, removeRestoredTable, type Recovery } from './drillScenarios.js';
import { removeExportFile } from './exportAtPointInTime.js';
import { verifyExportFile } from './verifyExportFile.js';
import { verifyCanaries, type CanaryMismatch } from './verifyCanaries.js';
import { drillReference, referenceCanaries, type DrillReference } from './drillReference.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import { writeDrillReport, type WrittenDrillReport } from './writeDrillReport.js';

/**
 * PITR restores to the second: AWS takes `RestoreDateTime` to the second (the AWS CLI sends whole seconds), so the
 * changes after T are made one second later, and a restore that lands a second late shows as a wrong canary.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
 */
const GRANULARITY_SECONDS = 1;

/** What a drill works with. */
export interface DrillContext {
  /** DynamoDB in the table's Region, and in the Region restored into (the same client unless cross-Region). */
  readonly source: DynamoDBClient;
  readonly target: DynamoDBClient;
  /** Where `source` points: the in-place workflow's sync workers build their own clients from it. */
  readonly aws: AwsClientOptions;
  readonly journal: RunJournal;
  /** `user@host`, recorded in the run journal. */
  readonly startedBy: string;
  /** The in-place scenario's segment checkpoints (`FileCheckpointStore` under the state directory locally). */
  readonly checkpoints: CheckpointStore;
}

/** How {@link runDrill} runs. */
export interface RunDrillOptions {
  /** First wait between polls (restorable time, restored table), in ms. @default 500 */
  readonly pollIntervalMs?: number;
  /** How long the drill may wait for the restorable time and the restore. @default 360 */
  readonly deadlineMinutes?: number;
  /** restore-as: keep the restored table for inspection (delete it by hand). @default false */
  readonly keepRestoredTable?: boolean;
}

/** What a drill did: its report and where it was written. */
export interface DrillResult {
  readonly report: DrillReport;
  readonly written: WrittenDrillReport;
}

/**
 * Runs a drill: writes the canaries, takes T just after them and records the table's digest at T (a scan of the
 * live table, the honest reference: it owes nothing to the restore under test), changes the canaries a second
 * after T, recovers the table to T as the scenario does, verifies every canary, the digest and each index,
 * measures RTO per phase and RPO against the targets, removes the drill's table and canaries, writes the report
 * and journals the run. A drill that fails still cleans up and writes its report (`outcome: 'failed'`).
 *
 * @example
 * const plan = await planDrill({ source: ddb, target: ddb }, 'us-east-1', { tableName: 'staging-Orders', environment: 'staging' });
 * const { report } = await runDrill({ source: ddb, target: ddb, aws: {}, journal, startedBy: 'ana@ops' }, plan);
 */
export async function runDrill(
  ctx: DrillContext,
  plan: DrillPlan,
  options: RunDrillOptions = {},
): Promise<DrillResult> {
  const startedAt = new Date();
  const deadline = new Date(startedAt.getTime() + (options.deadlineMinutes ?? 360) * 60_000).toISOString();
  await beginDrillRun(ctx.journal, plan, { executionId: randomUUID(), startedBy: ctx.startedBy, startedAt });
  const window = await readRestorableWindow(ctx.source, plan.tableName);
  const latestRestorableLag = drillSeconds(startedAt.getTime() - (window.latest?.getTime() ?? startedAt.getTime()));
  const description = (await describeTableIfExists(ctx.source, plan.tableName))!;
  const set = canarySet(description, plan.drillId, startedAt.getTime());
  const errors: string[] = [];
  let pointInTime = plan.reference ? new Date(plan.reference.pointInTime) : startedAt;
  let recovery: Recovery | undefined;
  let reference: DrillReference | undefined = plan.reference;
  // An export file has no index to query: indexProblems is absent then.
  let verified: { mismatches: CanaryMismatch[]; digest: TableDigest; indexProblems?: string[] } | undefined;
  let expected = new Map<Canary, Item | undefined>();
  let verifySeconds = 0;
  try {
    const written = await writeCanaries(ctx.source, plan, set);
    const own = drillReference(
      plan.drillId,
      written.pointInTime,
      await digestTable({ client: ctx.source, tableName: plan.tableName }),
      written.expected,
    );
    await recordDrill(
      ctx.journal,
      plan,
      (t) => ({ ...t, drill: { reference: own } }),
      plan.reference ? undefined : written.pointInTime,
    );
    await changeCanariesAfterT(ctx.source, plan, set, written.pointInTime);
    // Recovered to an earlier drill's time, this drill's canaries did not exist yet.
    reference ??= own;
    pointInTime = new Date(reference.pointInTime);
    expected = plan.reference
      ? new Map([...referenceCanaries(plan.reference), ...set.canaries.map((c) => [c, undefined] as const)])
      : written.expected;
    await untilReady(() => restorableAt(ctx.source, plan.tableName, pointInTime, deadline), options.pollIntervalMs);
    recovery = await recover(ctx, plan, pointInTime, deadline, expected.size, options);
    const verifyStarted = Date.now();
    await recordDrill(ctx.journal, plan, (t) => phaseStarted(t, 'verify', new Date()));
    const client = plan.scenario === 'restore-as' ? ctx.target : ctx.source;
    verified = recovery.exportFile
      ? await verifyExportFile(recovery.exportFile, expected)
      : {
          mismatches: await verifyCanaries(client, recovery.tableName, expected),
          digest: await digestTable({ client, tableName: recovery.tableName }),
          indexProblems: await indexAnswers(client, recovery.tableName, set, expected),
        };
    verifySeconds = drillSeconds(Date.now() - verifyStarted);
    await recordDrill(ctx.journal, plan, (t) => phaseEnded(t, 'verify', new Date()));
  } catch (error) {
    errors.push(`The drill stopped: ${(error as Error).message}`);
  }
  errors.push(...(recovery?.problems ?? []));
  errors.push(...(await cleanUp(ctx, plan, [...new Set([...set.canaries, ...expected.keys()])], recovery, options)));

  // The workflow's own verification (in-place) and the drill's are one phase: the table is usable after both.
  const phases = {
    ...(recovery?.phases ?? {}),
    verify: drillSeconds(((recovery?.phases.verify ?? 0) + verifySeconds) * 1000),
  };
  const findings = {
    measurements: {
      rtoSeconds: { total: drillSeconds(((recovery?.seconds ?? 0) + verifySeconds) * 1000), phases },
      rpoSeconds: { latestRestorableLag, granularity: GRANULARITY_SECONDS },
    },
    verification: {
      canaries: {
        expected: expected.size,
        matched: verified ? expected.size - verified.mismatches.length : 0,
        mismatches: verified?.mismatches ?? [],
      },
      ...(verified && reference
        ? { digest: { expected: reference.digest.digest, actual: verified.digest.digest } }
        : {}),
      ...(verified?.indexProblems && set.indexes.length
        ? { indexesQueryable: verified.indexProblems.length === 0 }
        : {}),
    },
    indexProblems: verified?.indexProblems ?? [],
    errors,
  };
  const failures = drillFailures(findings, plan.targets);
  const report: DrillReport = {
    format: DRILL_REPORT_FORMAT,
    version: DRILL_REPORT_VERSION,
    drillId: plan.drillId,
    environment: plan.environment,
    tableName: plan.tableName,
    scenario: plan.scenario,
    region: plan.region,
    ...(plan.targetRegion !== plan.region ? { targetRegion: plan.targetRegion } : {}),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    pointInTime: pointInTime.toISOString(),
    outcome: failures.length ? 'failed' : 'passed',
    failures,
    measurements: findings.measurements,
    targets: plan.targets,
    verification: findings.verification,
    lessonsLearned: '',
    toolVersion: TOOL_VERSION,
  };
  const written = await writeDrillReport(plan.reportsDirectory, report);
  await recordDrill(ctx.journal, plan, (t) => ({
    ...t,
    result: failures.length ? 'failed' : 'succeeded',
    error: failures.length ? { name: 'DrillFailed', message: failures.join(' ') } : undefined,
    drill: { ...t.drill, report: written.json, failures },
  }));
  return { report, written };
}

/**
 * Writes canaries 1–3 (their first version) and takes T as the next whole second after the last write: what each
 * canary held at T (canary 4, written after T, held nothing).
 */
async function writeCanaries(
  client: DynamoDBClient,
  plan: DrillPlan,
  set: CanarySet,
): Promise<{ pointInTime: Date; expected: Map<Canary, Item | undefined> }> {
  const expected = new Map<Canary, Item | undefined>();
  for (const canary of set.beforeT) {
    const item = canaryItem(canary, plan.drillId, 1, new Date());
    await putItem(client, plan.tableName, item);
    expected.set(canary, item);
  }
  expected.set(set.writtenAfterT, undefined);
  const pointInTime = new Date(Math.ceil((Date.now() + 1) / 1000) * 1000);
  await sleepUntil(pointInTime);
  return { pointInTime, expected };
}

/** One restore granularity after T: canary 2 changes, canary 3 is deleted, canary 4 is written. */
async function changeCanariesAfterT(
  client: DynamoDBClient,
  plan: DrillPlan,
  set: CanarySet,
  pointInTime: Date,
): Promise<void> {
  await sleepUntil(new Date(pointInTime.getTime() + GRANULARITY_SECONDS * 1000));
  await putItem(client, plan.tableName, canaryItem(set.changedAfterT, plan.drillId, 2, new Date()));
  await deleteItem(client, plan.tableName, set.deletedAfterT.key);
  await putItem(client, plan.tableName, canaryItem(set.writtenAfterT, plan.drillId, 1, new Date()));
}

/** Resolves once T is restorable (AWS's latest restorable time trails now by about five minutes). */
async function restorableAt(
  client: DynamoDBClient,
  tableName: string,
  pointInTime: Date,
  deadline: string,
): Promise<void> {
  const window = await readRestorableWindow(client, tableName);
  if (window.latest && window.latest >= pointInTime) return;
  assertBeforeDeadline(deadline, `${pointInTime.toISOString()} to become restorable`);
  throw new NotReadyError(`${pointInTime.toISOString()} is not restorable yet.`);
}

/**
 * Each index queried for the canaries it held at T (by the partition key value of the first canary it holds): a
 * problem per index that does not find them all.
 */
async function indexAnswers(
  client: DynamoDBClient,
  tableName: string,
  set: CanarySet,
  expected: ReadonlyMap<Canary, Item | undefined>,
): Promise<string[]> {
  const problems: string[] = [];
  const present = [...expected.values()].filter((item): item is Item => item !== undefined);
  for (const { indexName, partitionKey } of set.indexes) {
    const value = present.find((item) => item[partitionKey])?.[partitionKey];
    if (!value) continue;
    const want = present.filter(
      (item) => canonicalItem({ v: item[partitionKey] ?? { NULL: true } }) === canonicalItem({ v: value }),
    ).length;
    try {
      const found = await queryIndexCount(client, tableName, indexName, { [partitionKey]: value });
      if (found !== want)
        problems.push(`${indexName} of ${tableName} found ${found} of the ${want} canaries it held at T`);
    } catch (error) {
      problems.push(`${indexName} of ${tableName} cannot be queried (${(error as Error).message})`);
    }
  }
  return problems;
}

/**
 * Removes the restored table (restore-as, unless kept), the export file, and every canary (an items drill to an
 * earlier drill's time restored that drill's too); what could not be removed, one sentence each.
 */
async function cleanUp(
  ctx: DrillContext,
  plan: DrillPlan,
  canaries: readonly Canary[],
  recovery: Recovery | undefined,
  options: RunDrillOptions,
): Promise<string[]> {
  const left: string[] = [];
  await recordDrill(ctx.journal, plan, (t) => phaseStarted(t, 'cleanup', new Date()));
  if (recovery?.exportFile) await removeExportFile(recovery.exportFile);
  if (plan.scenario === 'restore-as' && !(options.keepRestoredTable && recovery)) {
    try {
      await removeRestoredTable(ctx.target, plan.restoredTableName, recovery !== undefined);
    } catch (error) {
      left.push(
        `Cleanup left the table ${plan.restoredTableName} in ${plan.targetRegion}: ${(error as Error).message}`,
      );
    }
  }
  for (const canary of canaries) {
    try {
      await deleteItem(ctx.source, plan.tableName, canary.key);
    } catch (error) {
      left.push(`Cleanup left ${canary.label} in ${plan.tableName}: ${(error as Error).message}`);
    }
  }
  await recordDrill(ctx.journal, plan, (t) => phaseEnded(t, 'cleanup', new Date()));
  return left;
}

async function sleepUntil(at: Date): Promise<void> {
  const wait = at.getTime() - Date.now();
  if (wait > 0) await sleep(wait);
}
