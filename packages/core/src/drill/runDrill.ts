import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClientOptions } from '../aws/createDynamoDbClient.js';
import type { DrillReport } from '../drillReports/drillReport.js';
import type { CheckpointStore } from '../checkpoint/checkpointStore.js';
import type { RunJournal } from '../journal/runJournal.js';
import { untilReady } from '../workflow/untilReady.js';
import { concludeDrill } from './concludeDrill.js';
import type { DrillPlan } from './drillPlan.js';
import { beginDrillRun } from './drillRun.js';
import { recover, type Recovery } from './drillScenarios.js';
import { drillCanaries, drillExpectations, latestRestorableLag, plantCanaries, restorableAt } from './drillSteps.js';
import { writeDrillReport, type WrittenDrillReport } from './writeDrillReport.js';

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
  const lag = await latestRestorableLag(ctx.source, plan, startedAt);
  const set = await drillCanaries(ctx.source, plan, startedAt);
  const errors: string[] = [];
  let recovery: Recovery | undefined;
  let expectations: ReturnType<typeof drillExpectations> | undefined;
  try {
    expectations = drillExpectations(plan, set, await plantCanaries(ctx.source, plan, set, ctx.journal));
    const pointInTime = new Date(expectations.reference.pointInTime);
    await untilReady(() => restorableAt(ctx.source, plan.tableName, pointInTime, deadline), options.pollIntervalMs);
    recovery = await recover(ctx, plan, pointInTime, deadline, expectations.expected.size, options);
  } catch (error) {
    errors.push(`The drill stopped: ${(error as Error).message}`);
  }
  return concludeDrill(
    ctx,
    plan,
    {
      startedAt,
      set,
      latestRestorableLag: lag,
      reference: expectations?.reference ?? plan.reference,
      expected: expectations?.expected ?? new Map(),
      recovery,
      errors,
    },
    { keepRestoredTable: options.keepRestoredTable ?? false, creatingWaitMs: 3_600_000 },
    (report) => writeDrillReport(plan.reportsDirectory, report),
  );
}
