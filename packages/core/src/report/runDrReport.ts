import type { DrConfig } from '../config/configSchema.js';
import { clientRegion } from '../aws/clientRegion.js';
import { runCostEstimate, type CostReport } from '../cost/runCostEstimate.js';
import { drillReportSourcesOf } from '../drillReports/drillReportSourcesOf.js';
import { readDrillReports } from '../drillReports/latestDrills.js';
import { InputError } from '../errors.js';
import { backupMeasures } from '../backupPolicy/backupMeasures.js';
import { backupPolicies, type BackupPolicy } from '../backupPolicy/backupPolicy.js';
import { describeBackupState, type TableBackupState } from '../backupPolicy/backupStateCalls.js';
import type { HealthClients } from '../health/healthClients.js';
import { runBackupCheck } from '../health/runBackupCheck.js';
import { assertReadableDirectory } from '../validation/localPaths.js';
import { drillHistory } from './drillHistory.js';
import { DR_REPORT_FORMAT, DR_REPORT_VERSION, type DrReport, type WindowAgainstRetention } from './drReport.js';

/** What to report on. */
export interface DrReportOptions {
  readonly config: DrConfig;
  /** One environment of the configuration; all of them when omitted. */
  readonly environment?: string;
  /**
   * Read drill reports from this directory instead of the configured locations (`drills.reports`); the check's
   * `drill` item reads it too, so both agree. It must exist.
   */
  readonly reportsDirectory?: string;
}

/**
 * Gathers the disaster-recovery report: runs the backup check, reads each configured table's restorable window,
 * its drill reports and the cost estimate. Reads only. A bad `environment` or `reportsDirectory` is refused
 * before anything is read.
 *
 * @example
 * const report = await runDrReport(healthClients(aws), { config, environment: 'Prod' });
 * await writeFile('dr-report.html', drReportHtml(report));
 */
export async function runDrReport(clients: HealthClients, options: DrReportOptions): Promise<DrReport> {
  const config =
    options.reportsDirectory === undefined
      ? options.config
      : withReportsDirectory(options.config, await assertReadableDirectory('--reports-dir', options.reportsDirectory));
  const policies = backupPolicies(config, options.environment);
  const region = await clientRegion(clients.dynamodb);
  const sources = policies.map((policy) => drillReportSourcesOf(policy.drillReports, clients.s3));
  const [check, drills, costs, states] = await Promise.all([
    runBackupCheck(clients, { config, environment: options.environment }),
    Promise.all(sources.map((s) => readDrillReports(s))),
    costsOf(clients, config, options.environment, region),
    Promise.all(policies.flatMap((p) => p.tables.map((t) => describeBackupState(clients.dynamodb, t.tableName)))),
  ]);
  const readAt = new Date(check.checkedAt);
  const stateOf = new Map(states.map((s) => [s.tableName, s]));
  const tables = policies.flatMap((policy, i) =>
    policy.tables.map(({ tableName, logicalName }) => {
      const cost = 'tables' in costs ? costs.tables.find((t) => t.tableName === tableName) : undefined;
      return {
        environment: policy.environment,
        tableName,
        logicalName,
        window: windowAgainstRetention(stateOf.get(tableName)!, policy, readAt),
        checks: check.items.filter((item) => item.environment === policy.environment && item.tableName === tableName),
        targets: policy.drillTargets,
        drills: drillHistory(drills[i]!.reports, policy.environment, tableName),
        ...(cost ? { cost } : {}),
      };
    }),
  );
  return {
    format: DR_REPORT_FORMAT,
    version: DR_REPORT_VERSION,
    generatedAt: check.checkedAt,
    region,
    environments: check.environments,
    tables,
    check,
    costs,
    drillReportLocations: [...new Set(sources.flat().map((s) => s.location))],
    unreadableDrillReports: drills.flatMap((d) => d.unreadable),
  };
}

/** The configuration with every environment's drill reports in `directory`. */
function withReportsDirectory(config: DrConfig, directory: string): DrConfig {
  const environments = Object.fromEntries(
    Object.entries(config.environments).map(([name, env]) => [
      name,
      { ...env, drills: { ...env.drills, reports: { directory } } },
    ]),
  );
  return { ...config, environments };
}

/**
 * The cost estimate, or why there is none: a region the price table lacks, or a configured table that does not
 * exist (the check's items already say so), must not hide the rest of the report.
 */
async function costsOf(
  clients: HealthClients,
  config: DrConfig,
  environment: string | undefined,
  region: string,
): Promise<CostReport | { readonly unavailable: string }> {
  try {
    return await runCostEstimate(clients.dynamodb, { config, environment, region });
  } catch (error) {
    if (error instanceof InputError) return { unavailable: error.message };
    throw error;
  }
}

function windowAgainstRetention(state: TableBackupState, policy: BackupPolicy, now: Date): WindowAgainstRetention {
  const measures = backupMeasures(state, policy.retentionDays, now);
  const pitr = state.exists && state.pitr.enabled ? state.pitr : undefined;
  return {
    tableExists: state.exists,
    pitrEnabled: measures.pitrEnabled,
    ...(pitr
      ? { earliest: pitr.earliest.toISOString(), latest: pitr.latest.toISOString(), retentionDays: pitr.retentionDays }
      : {}),
    requiredRetentionDays: policy.retentionDays,
    windowSeconds: measures.restorableWindowSeconds,
    expectedEarliest: measures.expectedEarliest.toISOString(),
    expectedWindowSeconds: (now.getTime() - measures.expectedEarliest.getTime()) / 1000,
    deficitSeconds: measures.windowDeficitSeconds,
    toleranceSeconds: policy.windowToleranceSeconds,
    ...(measures.latestRestorableLagSeconds === undefined
      ? {}
      : { latestRestorableLagSeconds: measures.latestRestorableLagSeconds }),
  };
}
