import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { DRILL_SCENARIOS, type DrillScenario } from '../drillReports/drillReport.js';
import type { LocatedDrillReport } from '../drillReports/latestDrills.js';
import { assertRecoverableTable } from '../restore/planTableRestore.js';
import { callerIdentity } from './accessCalls.js';
import { checkAccess, type AccessCheck } from './checkAccess.js';
import { recoveryPermissions } from './recoveryPermissions.js';

/** One scenario's recovery plan for a table: what would be restored, the commands, the RTO to expect, access. */
export interface ScenarioPlan {
  readonly scenario: DrillScenario;
  readonly what: string;
  /** The recovery as the runbook runs it on the day, then its drill. */
  readonly commands: readonly string[];
  readonly rtoEstimate: { readonly minutes: number; readonly basis: string };
  readonly access: AccessCheck;
}

/** The monthly dry run of one table: its size, its restorable window, each scenario's plan. */
export interface TableRecoveryPlan {
  readonly environment: string;
  readonly tableName: string;
  readonly estimatedItems: number;
  readonly estimatedBytes: number;
  readonly restorableWindow: { readonly earliest: string; readonly latest: string };
  readonly scenarios: readonly ScenarioPlan[];
}

/**
 * AWS: "a PITR restore takes at least about 20 minutes whatever the size" and grows with the data; one more minute
 * per GB is this estimate's assumption, as is a sync of 1,000 items per second (both replaced by measured figures
 * once the table has been drilled).
 */
const RESTORE_FLOOR_MINUTES = 20;
const MINUTES_PER_GB = 1;
const SYNC_ITEMS_PER_SECOND = 1000;

/**
 * The recovery plan of every scenario of a table, and for each an access check: the caller's permissions for every
 * action the recovery needs, simulated by IAM. Only reads (DescribeTable, DescribeContinuousBackups,
 * GetCallerIdentity, GetRole, SimulatePrincipalPolicy).
 *
 * @example
 * const plan = await tableRecoveryPlan({ dynamodb, iam, sts }, { environment: 'staging', tableName: 'staging-Orders', region: 'us-east-1' }, reports);
 */
export async function tableRecoveryPlan(
  clients: { readonly dynamodb: DynamoDBClient; readonly iam: IAMClient; readonly sts: STSClient },
  table: {
    readonly environment: string;
    readonly tableName: string;
    readonly region: string;
    readonly targetRegion?: string;
  },
  pastDrills: readonly LocatedDrillReport[],
): Promise<TableRecoveryPlan> {
  const { description, window } = await assertRecoverableTable(clients.dynamodb, table.tableName, 'tableName');
  const caller = await callerIdentity(clients.sts);
  const items = description.ItemCount ?? 0;
  const bytes = description.TableSizeBytes ?? 0;
  const { tableName, environment } = table;
  const resources = {
    account: caller.account,
    region: table.region,
    targetRegion: table.targetRegion,
    tableName,
    restoredTableName: `${tableName}-drill-plan`,
    indexNames: [...(description.GlobalSecondaryIndexes ?? []), ...(description.LocalSecondaryIndexes ?? [])].map(
      (i) => i.IndexName!,
    ),
  };
  const scenarios: ScenarioPlan[] = [];
  for (const scenario of DRILL_SCENARIOS) {
    const drills = pastDrills.filter(
      ({ report: r }) => r.environment === environment && r.tableName === tableName && r.scenario === scenario,
    );
    scenarios.push({
      scenario,
      ...scenarioSteps(scenario, tableName, environment, table.targetRegion),
      rtoEstimate: rtoEstimate(scenario, drills, items, bytes),
      access: await checkAccess(clients.iam, caller, recoveryPermissions(scenario, resources)),
    });
  }
  return {
    environment,
    tableName,
    estimatedItems: items,
    estimatedBytes: bytes,
    restorableWindow: { earliest: window.earliest.toISOString(), latest: window.latest.toISOString() },
    scenarios,
  };
}

function scenarioSteps(
  scenario: DrillScenario,
  table: string,
  environment: string,
  targetRegion: string | undefined,
): Pick<ScenarioPlan, 'what' | 'commands'> {
  const drill = `dynamo-dr drill --table ${table} --environment ${environment} --scenario ${scenario}`;
  switch (scenario) {
    case 'restore-as':
      return {
        what: `${table} as at TIME into a new table${targetRegion ? ` in ${targetRegion}` : ''}, its settings re-applied, the application switched to it`,
        commands: [
          `dynamo-dr restore-as --table ${table} --to TIME --target ${table}-restored --switch-parameter PARAMETER`,
          `${drill}${targetRegion ? ` --target-region ${targetRegion}` : ''}`,
        ],
      };
    case 'in-place':
      return {
        what: `${table} rolled back in place to TIME (forensic backup, PITR restore, sync, verification)`,
        commands: [`dynamo-dr restore --table ${table} --to TIME --incident INCIDENT --confirm ${table}`, drill],
      };
    case 'items':
      return {
        what: `the items of ${table} matching a condition, written back as they were at TIME`,
        commands: [`dynamo-dr restore-items --table ${table} --to TIME --where CONDITION --confirm ${table}`],
      };
    case 'export':
      return {
        what: `${table} as at TIME, exported to a file with a manifest (count, digest, SHA-256)`,
        commands: [`dynamo-dr export --table ${table} --at TIME --out ${table}.jsonl`],
      };
  }
}

/** The mean of the table's past drills of the scenario, else an estimate from its size. */
function rtoEstimate(
  scenario: DrillScenario,
  drills: readonly LocatedDrillReport[],
  items: number,
  bytes: number,
): ScenarioPlan['rtoEstimate'] {
  if (drills.length > 0) {
    const mean = drills.reduce((sum, d) => sum + d.report.measurements.rtoSeconds.total, 0) / drills.length / 60;
    return { minutes: Math.ceil(mean * 10) / 10, basis: `the mean of ${drills.length} past drill(s)` };
  }
  const restore = RESTORE_FLOOR_MINUTES + (bytes / 1e9) * MINUTES_PER_GB;
  const sync = scenario === 'in-place' || scenario === 'items' ? (2 * items) / SYNC_ITEMS_PER_SECOND / 60 : 0;
  return {
    minutes: Math.ceil((restore + sync) * 10) / 10,
    basis: `the table's size (${items} items, ${bytes} bytes): a restore takes at least about ${RESTORE_FLOOR_MINUTES} min`,
  };
}
