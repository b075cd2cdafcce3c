import type { Item } from '../aws/tableRef.js';
import { DRILL_REPORT_FORMAT, DRILL_REPORT_VERSION, type DrillReport } from '../drillReports/drillReport.js';
import { TOOL_VERSION } from '../itemFile/toolVersion.js';
import { phaseEnded, phaseStarted } from '../runs/runRecord.js';
import { canonicalItem } from '../sync/canonicalItem.js';
import { digestTable } from '../sync/digestTable.js';
import type { TableDigest } from '../sync/tableDigest.js';
import type { Canary, CanarySet } from './canaries.js';
import { deleteItem, queryIndexCount } from './canaryCalls.js';
import type { DrillPlan } from './drillPlan.js';
import { drillFailures } from './drillOutcome.js';
import type { DrillReference } from './drillReference.js';
import { recordDrill } from './drillRun.js';
import { removeRestoredTable, type Recovery } from './drillScenarios.js';
import { drillSeconds } from './drillSeconds.js';
import { GRANULARITY_SECONDS } from './drillSteps.js';
import { removeExportFile } from './exportAtPointInTime.js';
import type { DrillContext } from './runDrill.js';
import { verifyCanaries, type CanaryMismatch } from './verifyCanaries.js';
import { verifyExportFile } from './verifyExportFile.js';

/** What a drill knows when its recovery is over (or stopped): what to verify, and what went wrong so far. */
export interface DrillProgress {
  readonly startedAt: Date;
  readonly set: CanarySet;
  readonly latestRestorableLag: number;
  /** What the drill verifies against; absent when it stopped before recording it. */
  readonly reference?: DrillReference;
  readonly expected: ReadonlyMap<Canary, Item | undefined>;
  /** Absent when the recovery did not finish. */
  readonly recovery?: Recovery;
  readonly errors: readonly string[];
}

/** How a drill cleans up: restore-as's table kept on request; how long to wait for a restore still CREATING. */
export interface DrillCleanup {
  readonly keepRestoredTable: boolean;
  /** In-process an hour; on AWS less than the Lambda's 15 minutes (a table still CREATING then is reported as left). */
  readonly creatingWaitMs: number;
}

/**
 * Ends a drill, in-process and on AWS alike: verifies the recovery (every canary as at T, the digest recorded at
 * T, each index; for an export, the file), removes the drill's table, file and canaries, measures RTO and RPO
 * against the targets, writes the report with `write` (a directory, or S3) and journals the run's outcome.
 */
export async function concludeDrill<W extends { readonly json: string }>(
  ctx: DrillContext,
  plan: DrillPlan,
  progress: DrillProgress,
  cleanup: DrillCleanup,
  write: (report: DrillReport) => Promise<W>,
): Promise<{ report: DrillReport; written: W }> {
  const { recovery, expected, set, reference } = progress;
  const errors = [...progress.errors];
  // An export file has no index to query: indexProblems is absent then.
  let verified: { mismatches: CanaryMismatch[]; digest: TableDigest; indexProblems?: string[] } | undefined;
  let verifySeconds = 0;
  if (recovery) {
    try {
      const started = Date.now();
      await recordDrill(ctx.journal, plan, (t) => phaseStarted(t, 'verify', new Date()));
      const client = plan.scenario === 'restore-as' ? ctx.target : ctx.source;
      verified = recovery.exportFile
        ? await verifyExportFile(recovery.exportFile, expected)
        : {
            mismatches: await verifyCanaries(client, recovery.tableName, expected),
            digest: await digestTable({ client, tableName: recovery.tableName }),
            indexProblems: await indexAnswers(client, recovery.tableName, set, expected),
          };
      verifySeconds = drillSeconds(Date.now() - started);
      await recordDrill(ctx.journal, plan, (t) => phaseEnded(t, 'verify', new Date()));
    } catch (error) {
      errors.push(`The drill stopped: ${(error as Error).message}`);
    }
    errors.push(...(recovery.problems ?? []));
  }
  errors.push(...(await cleanUp(ctx, plan, [...new Set([...set.canaries, ...expected.keys()])], recovery, cleanup)));

  // The workflow's own verification (in-place) and the drill's are one phase: the table is usable after both.
  const phases = {
    ...(recovery?.phases ?? {}),
    verify: drillSeconds(((recovery?.phases.verify ?? 0) + verifySeconds) * 1000),
  };
  const findings = {
    measurements: {
      rtoSeconds: { total: drillSeconds(((recovery?.seconds ?? 0) + verifySeconds) * 1000), phases },
      rpoSeconds: { latestRestorableLag: progress.latestRestorableLag, granularity: GRANULARITY_SECONDS },
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
    startedAt: progress.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    pointInTime: reference?.pointInTime ?? progress.startedAt.toISOString(),
    outcome: failures.length ? 'failed' : 'passed',
    failures,
    measurements: findings.measurements,
    targets: plan.targets,
    verification: findings.verification,
    lessonsLearned: '',
    toolVersion: TOOL_VERSION,
  };
  const written = await write(report);
  await recordDrill(ctx.journal, plan, (t) => ({
    ...t,
    result: failures.length ? 'failed' : 'succeeded',
    error: failures.length ? { name: 'DrillFailed', message: failures.join(' ') } : undefined,
    drill: { ...t.drill, report: written.json, failures },
  }));
  return { report, written };
}

/**
 * Each index queried for the canaries it held at T (by the partition key value of the first canary it holds): a
 * problem per index that does not find them all.
 */
async function indexAnswers(
  client: DrillContext['source'],
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
  { keepRestoredTable, creatingWaitMs }: DrillCleanup,
): Promise<string[]> {
  const left: string[] = [];
  await recordDrill(ctx.journal, plan, (t) => phaseStarted(t, 'cleanup', new Date()));
  if (recovery?.exportFile) await removeExportFile(recovery.exportFile);
  if (plan.scenario === 'restore-as' && !(keepRestoredTable && recovery)) {
    try {
      await removeRestoredTable(ctx.target, plan.restoredTableName, recovery !== undefined, creatingWaitMs);
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
