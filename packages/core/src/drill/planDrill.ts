import { DEFAULT_DRILL_REPORT_DIRECTORY } from '../backupPolicy/backupPolicy.js';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DRILL_SCENARIOS, type DrillScenario } from '../drillReports/drillReport.js';
import { InputError } from '../errors.js';
import { generatedIncidentId } from '../journal/generatedIncidentId.js';
import { describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { assertRecoverableTable } from '../restore/planTableRestore.js';
import { restoreNames } from '../restore/restoreNames.js';
import { defaultRestoreSettings, type TableRestoreSettings } from '../restore/restorePlan.js';
import { logicalNameOf } from '../workflow/stateMachineNames.js';
import { assertName } from '../validation/assertName.js';
import { assertStateDir } from '../validation/localPaths.js';
import { environmentNameRule, regionRule, tableNameRule } from '../validation/nameRules.js';
import type { RunJournal } from '../journal/runJournal.js';
import { parseRestoreTime } from '../restore/restoreTime.js';
import { chooseReference } from './drillReference.js';
import { DEFAULT_DRILL_TARGETS, type DrillPlan, type DrillTargets } from './drillPlan.js';

/** What the user asked for (flags in the CLI, the configuration's drill targets). */
export interface DrillRequest {
  /** The physical table name. */
  readonly tableName: string;
  readonly environment: string;
  /** @default 'restore-as' */
  readonly scenario?: string;
  /** Recover to this time: one an earlier drill recorded its digest at (ISO 8601). @default see chooseReference */
  readonly at?: string;
  /** Restore into this Region (the annual cross-Region drill). */
  readonly targetRegion?: string;
  /** @default 'docs/ops/recovery-tests' */
  readonly reportsDirectory?: string;
  /** @default {@link DEFAULT_DRILL_TARGETS} */
  readonly targets?: DrillTargets;
  /**
   * The in-place scenario rolls the table itself back: allowed only for a table the configuration lists in an
   * environment marked `staging` (and not `production`), with its restore settings; `undefined` otherwise.
   */
  readonly stagingTable?: TableRestoreSettings;
}

/** A drill's restored table: `<table>-drill-<time>-<random>`. */
const DRILL_SUFFIX = '-drill-';

/**
 * Validates a drill and returns its plan. Every value is checked before the first AWS call; then only reads:
 * the table exists with PITR on (DescribeTable, DescribeContinuousBackups), the restored table's name is free
 * in the Region restored into, and the journal's drills of the table give the point in time (`chooseReference`).
 *
 * @example
 * const plan = await planDrill({ source: ddb, target: ddb, journal }, 'us-east-1', { tableName: 'staging-Orders', environment: 'staging' });
 */
export async function planDrill(
  clients: { readonly source: DynamoDBClient; readonly target: DynamoDBClient; readonly journal: RunJournal },
  region: string,
  request: DrillRequest,
): Promise<DrillPlan> {
  const tableName = assertName(tableNameRule, 'tableName', request.tableName);
  const environment = assertName(environmentNameRule, 'environment', request.environment);
  const scenario = drillScenario(request.scenario ?? 'restore-as');
  if (request.at !== undefined) parseRestoreTime(request.at, 'at');
  const targetRegion = request.targetRegion ?? region;
  if (request.targetRegion !== undefined) {
    assertName(regionRule, 'targetRegion', request.targetRegion);
    if (scenario !== 'restore-as') {
      throw new InputError(
        'targetRegion',
        request.targetRegion,
        `cannot be combined with --scenario ${scenario}`,
        'A cross-Region drill restores to a new table: use --scenario restore-as (the default).',
      );
    }
    if (request.targetRegion === region) {
      throw new InputError(
        'targetRegion',
        request.targetRegion,
        `is the table's own Region`,
        'Leave it out for a drill in the same Region, or name another Region.',
      );
    }
  }
  if (scenario === 'in-place' && !request.stagingTable) {
    throw new InputError(
      'scenario',
      scenario,
      `rolls ${tableName} itself back, and ${tableName} is not a table of a staging environment in the configuration`,
      `List it under an environment with "staging": true (never production) in dynamo-dr.config.json, or use --scenario restore-as.`,
    );
  }
  const reportsDirectory = await assertStateDir(
    'reportsDirectory',
    request.reportsDirectory ?? DEFAULT_DRILL_REPORT_DIRECTORY,
    { forWriting: true, purpose: `drill reports (default: ${DEFAULT_DRILL_REPORT_DIRECTORY})` },
  );
  const drillId = `drill-${generatedIncidentId()}`;
  const restoredTableName = `${tableName}${DRILL_SUFFIX}${drillId.slice('drill-'.length)}`;
  if (restoredTableName.length > tableNameRule.maxLength) {
    throw new InputError(
      'tableName',
      tableName,
      `is too long to drill: the restored table ${tableName.slice(0, 20)}...${DRILL_SUFFIX}ID must fit in ${tableNameRule.maxLength} characters`,
      `Drill a table of at most ${tableNameRule.maxLength - restoredTableName.length + tableName.length} characters.`,
    );
  }
  const inPlace =
    scenario === 'in-place' ? { incidentId: `${drillId}-restore`, settings: request.stagingTable! } : undefined;
  // The selective restore writes only the canaries: any table may be drilled, with its configured settings if any.
  const items =
    scenario === 'items'
      ? {
          incidentId: `${drillId}-items`,
          settings: request.stagingTable ?? {
            ...defaultRestoreSettings,
            tableName,
            logicalName: logicalNameOf(tableName),
          },
        }
      : undefined;
  const exported = scenario === 'export' ? { incidentId: `${drillId}-export` } : undefined;
  // The workflow's own names (forensic backup, temporary table) must fit too: checked before any call.
  if (inPlace) restoreNames(tableName, inPlace.incidentId);
  if (items) restoreNames(tableName, items.incidentId);
  if (exported) restoreNames(tableName, exported.incidentId, 'export-');

  const { description: table, window } = await assertRecoverableTable(clients.source, tableName, 'tableName');
  const reference = await chooseReference(
    clients.journal,
    { tableName, environment },
    request.at,
    window.earliest,
    new Date(),
  );
  if (scenario === 'restore-as' && (await describeTableIfExists(clients.target, restoredTableName))) {
    throw new InputError(
      'tableName',
      tableName,
      `has a leftover drill table ${restoredTableName}`,
      'Delete it, then drill again.',
    );
  }
  return {
    drillId,
    tableName,
    tableArn: table.TableArn!,
    environment,
    scenario,
    region,
    targetRegion,
    restoredTableName,
    inPlace,
    ...(items ? { items } : {}),
    ...(exported ? { export: exported } : {}),
    indexNames: [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])].map(
      (i) => i.IndexName!,
    ),
    sourceEncryption: table.SSEDescription?.Status === 'ENABLED' ? 'KMS' : 'AWS_OWNED',
    estimatedItems: table.ItemCount ?? 0,
    estimatedBytes: table.TableSizeBytes ?? 0,
    reportsDirectory,
    targets: request.targets ?? DEFAULT_DRILL_TARGETS,
    reference,
  };
}

/** The scenario named, refused when unknown. */
export function drillScenario(value: string): DrillScenario {
  if (!(DRILL_SCENARIOS as readonly string[]).includes(value)) {
    throw new InputError('scenario', value, 'is not a drill scenario', `Use one of: ${DRILL_SCENARIOS.join(', ')}.`);
  }
  return value as DrillScenario;
}
