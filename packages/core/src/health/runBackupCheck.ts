import type { DrConfig } from '../config/configSchema.js';
import { drillReportSourcesOf } from '../drillReports/drillReportSourcesOf.js';
import { readDrillReports } from '../drillReports/latestDrills.js';
import { alarmChecks } from './alarmChecks.js';
import { backupMeasures } from '../backupPolicy/backupMeasures.js';
import { backupPolicies, type BackupPolicy } from '../backupPolicy/backupPolicy.js';
import { describeBackupState, type TableBackupState } from '../backupPolicy/backupStateCalls.js';
import type { CheckItem, CheckStatus } from './checkItem.js';
import { drillChecks } from './drillChecks.js';
import type { HealthClients } from './healthClients.js';
import { recoveryModeCheck } from './recoveryModeCheck.js';
import { listStateMachineNames } from './stateMachineCalls.js';
import { tableChecks } from './tableChecks.js';
import { testBackupAlarms, type TestedAlarm } from './testBackupAlarms.js';
import { uncoveredCheck } from './uncoveredCheck.js';
import { workflowChecks } from './workflowCheck.js';

/** The result of `dynamo-dr check`: a stable JSON contract (`--json` prints it; `--out` renders it). */
export interface BackupCheckReport {
  readonly format: 'dynamo-dr.check-report';
  readonly version: 1;
  readonly checkedAt: string;
  readonly environments: readonly string[];
  /** The alarms `--test-alarms` set to ALARM and back before the checks ran. */
  readonly alarmsTested: readonly TestedAlarm[];
  /** Per environment: each table's items, then the environment's. */
  readonly items: readonly CheckItem[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
  /** No item failed (warnings allowed). */
  readonly ok: boolean;
}

/** What to check. */
export interface BackupCheckOptions {
  readonly config: DrConfig;
  /** One environment of the configuration; all of them when omitted. */
  readonly environment?: string;
  /** Set each alarm to ALARM and back first (see {@link testBackupAlarms}). */
  readonly testAlarms?: boolean;
}

/**
 * The backup validation checklist, automated: every configured table's PITR, restorable window, latest
 * restorable time, deletion protection, recovery workflow, alarms and last drill, and per environment its
 * uncovered tables and recovery mode. Changes nothing, except that `testAlarms` tests the alarms first (and
 * refuses, changing nothing, when one cannot be tested).
 *
 * @example
 * const report = await runBackupCheck(healthClients(aws), { config, environment: 'Prod' });
 * if (!report.ok) process.exitCode = 1;
 */
export async function runBackupCheck(clients: HealthClients, options: BackupCheckOptions): Promise<BackupCheckReport> {
  const policies = backupPolicies(options.config, options.environment);
  const drillSources = policies.map((policy) => drillReportSourcesOf(policy.drillReports, clients.s3));
  const readAt = new Date();
  const tableNames = [...new Set(policies.flatMap((p) => p.tables.map((t) => t.tableName)))];
  const states = new Map<string, TableBackupState>(
    await Promise.all(
      tableNames.map(async (name) => [name, await describeBackupState(clients.dynamodb, name)] as const),
    ),
  );
  const alarmsTested = options.testAlarms ? await testBackupAlarms(clients.cloudwatch, policies, states) : [];
  const deployed = await listStateMachineNames(clients.sfn).catch((error: unknown) =>
    error instanceof Error ? error : new Error(String(error)),
  );
  const items: CheckItem[] = [];
  for (const [i, policy] of policies.entries()) {
    items.push(
      ...(await environmentItems(clients, options.config, policy, {
        states,
        readAt,
        deployed,
        drillSources: drillSources[i]!,
      })),
    );
  }
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const item of items) counts[item.status] += 1;
  return {
    format: 'dynamo-dr.check-report',
    version: 1,
    checkedAt: readAt.toISOString(),
    environments: policies.map((p) => p.environment),
    alarmsTested,
    items,
    counts,
    ok: counts.fail === 0,
  };
}

async function environmentItems(
  clients: HealthClients,
  config: DrConfig,
  policy: BackupPolicy,
  context: {
    readonly states: ReadonlyMap<string, TableBackupState>;
    readonly readAt: Date;
    readonly deployed: Set<string> | Error;
    readonly drillSources: ReturnType<typeof drillReportSourcesOf>;
  },
): Promise<CheckItem[]> {
  const now = new Date();
  const [alarms, drills, uncovered, recoveryMode] = await Promise.all([
    alarmChecks(clients.cloudwatch, policy, now),
    readDrillReports(context.drillSources),
    uncoveredCheck(clients.dynamodb, policy),
    recoveryModeCheck(clients, config, policy.environment),
  ]);
  const workflow = workflowChecks(policy, context.deployed);
  const drill = drillChecks(
    policy,
    drills,
    context.drillSources.map((s) => s.location),
    now,
  );
  const perTable = policy.tables.flatMap(({ tableName }, i) => {
    const state = context.states.get(tableName)!;
    const measures = backupMeasures(state, policy.retentionDays, context.readAt);
    return [...tableChecks(policy, { state, measures }), workflow[i]!, alarms[i]!, drill[i]!];
  });
  return [...perTable, uncovered, recoveryMode];
}
